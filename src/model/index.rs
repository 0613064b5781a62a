//! The model's references, resolved once: where each resource is among those of its type,
//! by logical id, which services run each task definition, and which policies are attached
//! to each role. Rules follow references many times per resource (every task definition
//! asks which services run it); with this index each step is a hash lookup, so a template
//! with thousands of services costs linear time rather than cubic.

use rustc_hash::FxHashMap;

use super::collections::Resource;
use super::scaling::{ServiceRef, ecs_resource_id};
use super::{Resources, Target, Val};

#[derive(Debug, Default)]
pub struct Index {
    /// A resource's position among those of its type. Logical ids (and Terraform addresses)
    /// are unique across types, so one map serves every type; a lookup checks the type by
    /// comparing the id found at that position.
    positions: FxHashMap<String, usize>,
    /// For each task definition, by position, the positions of the services that run it.
    services_running: Vec<Vec<usize>>,
    /// For each role, by position, the positions of the policies attached to it.
    policies_of: Vec<Vec<usize>>,
    /// For each scalable target, by position, the service its resource id names.
    scaled_service: Vec<Option<usize>>,
    /// For each scalable target, by position, the positions of its scaling policies.
    scaling_policies_of: Vec<Vec<usize>>,
    /// For each cluster, by position, the positions of the Auto Scaling groups whose launch
    /// template's user data joins it.
    cluster_groups: Vec<Vec<usize>>,
    /// For each subnet, by link or written id, the position of a route to an internet
    /// gateway in the route table it is associated with.
    internet_routes: FxHashMap<Target, usize>,
}

impl Index {
    /// The index of `model`, whose resources are all read.
    pub fn of(model: &Resources) -> Index {
        let mut index = Index::default();
        for (id, position) in model.logical_ids() {
            // The first of a duplicated id wins, as a scan from the start would find.
            index.positions.entry(id.to_string()).or_insert(position);
        }

        index.services_running = vec![Vec::new(); model.task_definitions.len()];
        for (position, service) in model.services.iter().enumerate() {
            if let Some(td) =
                index.position(&model.task_definitions, service.task_definition.as_ref())
            {
                index.services_running[td].push(position);
            }
        }

        // `Roles` of a policy takes role names: a written name matches a role's `RoleName`.
        let roles = Positions::of(&model.roles, |role| role.role_name.as_ref());
        index.policies_of = vec![Vec::new(); model.roles.len()];
        for (position, policy) in model.policies.iter().enumerate() {
            for role in &policy.roles {
                let found = roles.find(role.value());
                // A policy that names a role twice is attached once.
                if let Some(attached) = found.map(|found| &mut index.policies_of[found])
                    && attached.last() != Some(&position)
                {
                    attached.push(position);
                }
            }
        }
        index.scaled_service = index.scaled_services(model);
        index.scaling_policies_of = vec![Vec::new(); model.scalable_targets.len()];
        for (position, policy) in model.scaling_policies.iter().enumerate() {
            if let Some(target) = index.position(&model.scalable_targets, policy.target.as_ref()) {
                index.scaling_policies_of[target].push(position);
            }
        }
        index.internet_routes = index.internet_routes(model);
        index.cluster_groups = index.cluster_groups(model);
        index
    }

    /// The positions of the Auto Scaling groups whose instances join the cluster at
    /// `cluster` through their user data.
    pub fn groups_joining(&self, cluster: usize) -> &[usize] {
        self.cluster_groups.get(cluster).map_or(&[], Vec::as_slice)
    }

    fn cluster_groups(&self, model: &Resources) -> Vec<Vec<usize>> {
        let mut groups = vec![Vec::new(); model.clusters.len()];
        if groups.is_empty() {
            return groups;
        }
        let clusters = Positions::of(&model.clusters, |c| c.cluster_name.as_ref());
        for (position, group) in model.auto_scaling_groups.iter().enumerate() {
            let joined = self
                .position(&model.launch_templates, group.launch_template.as_ref())
                .and_then(|t| clusters.find(model.launch_templates[t].cluster.as_ref()));
            if let Some(cluster) = joined {
                groups[cluster].push(position);
            }
        }
        groups
    }

    /// The position among `items` of the resource `reference` links to.
    pub fn position<T: Resource>(
        &self,
        items: &[T],
        reference: Option<&Val<Target>>,
    ) -> Option<usize> {
        let Target::Resource(id) = reference?.value()? else {
            return None;
        };
        self.position_by_id(items, id)
    }

    /// The position among `items` of the resource whose logical id is `id`.
    pub fn position_by_id<T: Resource>(&self, items: &[T], id: &str) -> Option<usize> {
        let position = *self.positions.get(id)?;
        (items.get(position)?.logical_id() == Some(id)).then_some(position)
    }

    /// The positions of the services that run the task definition at `td`.
    pub fn services_running(&self, td: usize) -> &[usize] {
        self.services_running.get(td).map_or(&[], Vec::as_slice)
    }

    /// The positions of the policies attached to the role at `role`.
    pub fn policies_of(&self, role: usize) -> &[usize] {
        self.policies_of.get(role).map_or(&[], Vec::as_slice)
    }

    /// The position of the service the scalable target at `target` scales.
    pub fn scaled_service(&self, target: usize) -> Option<usize> {
        self.scaled_service.get(target).copied().flatten()
    }

    /// The positions of the scaling policies of the scalable target at `target`.
    pub fn scaling_policies_of(&self, target: usize) -> &[usize] {
        self.scaling_policies_of
            .get(target)
            .map_or(&[], Vec::as_slice)
    }

    /// The position of a route to an internet gateway from the subnet `subnet`.
    pub fn internet_route(&self, subnet: &Target) -> Option<usize> {
        self.internet_routes.get(subnet).copied()
    }

    /// For each subnet associated with a route table that has a route to an internet
    /// gateway, the first such route. Subnets and route tables match by link or by the id
    /// written in both places (a plan writes the ids of those that exist already).
    fn internet_routes(&self, model: &Resources) -> FxHashMap<Target, usize> {
        let mut to_internet: FxHashMap<&Target, usize> = FxHashMap::default();
        for (position, route) in model.routes.iter().enumerate() {
            if let Some(table) = route.route_table.as_ref().and_then(Val::value)
                && self.is_internet_gateway(model, route.gateway.as_ref())
            {
                to_internet.entry(table).or_insert(position);
            }
        }
        let mut routes = FxHashMap::default();
        if to_internet.is_empty() {
            return routes;
        }
        for association in &model.route_table_associations {
            if let (Some(subnet), Some(table)) = (
                association.subnet.as_ref().and_then(Val::value),
                association.route_table.as_ref().and_then(Val::value),
            ) && let Some(&route) = to_internet.get(table)
            {
                routes.entry(subnet.clone()).or_insert(route);
            }
        }
        routes
    }

    /// Whether a route's `gatewayId` is an internet gateway: one declared here, or an id of
    /// the form AWS gives internet gateways (`igw-…`; a virtual private gateway's is `vgw-…`).
    fn is_internet_gateway(&self, model: &Resources, gateway: Option<&Val<Target>>) -> bool {
        match gateway.and_then(Val::value) {
            Some(Target::Named(id)) => id.starts_with("igw-"),
            Some(Target::Resource(_)) => self.position(&model.internet_gateways, gateway).is_some(),
            None => false,
        }
    }

    /// For each scalable target, the service its ECS resource id names: by link
    /// (`${Service.Name}`), or by a written name that one service of the model has.
    fn scaled_services(&self, model: &Resources) -> Vec<Option<usize>> {
        if model.scalable_targets.is_empty() {
            return Vec::new();
        }
        let mut names: FxHashMap<&str, Option<usize>> = FxHashMap::default();
        for (position, service) in model.services.iter().enumerate() {
            if let Some(name) = service.service_name.as_ref().and_then(Val::value) {
                // A name two services share names neither.
                names
                    .entry(name)
                    .and_modify(|p| *p = None)
                    .or_insert(Some(position));
            }
        }
        model
            .scalable_targets
            .iter()
            .map(|target| {
                let text = target.resource_id.as_ref()?.value()?;
                let (_, service) = ecs_resource_id(text).ok()?;
                match service {
                    ServiceRef::Named(name) => names.get(name).copied().flatten(),
                    linked => self.position_by_id(&model.services, linked.link()?),
                }
            })
            .collect()
    }
}

/// Where each resource of one type is, by logical id and by the name written in it
/// (`RoleName`, `ClusterName`): what a resource set from outside names (an attachment's
/// role, an association's cluster, a policy's `Roles`) is looked up, not searched for once per
/// such resource.
#[derive(Default)]
pub struct Positions {
    by_id: FxHashMap<String, usize>,
    by_name: FxHashMap<String, usize>,
}

impl Positions {
    pub fn of<T: Resource>(items: &[T], name: impl Fn(&T) -> Option<&Val<String>>) -> Self {
        let mut positions = Positions::default();
        for (position, item) in items.iter().enumerate() {
            let written = name(item).and_then(Val::value).map(String::as_str);
            positions.insert(position, item.logical_id(), written);
        }
        positions
    }

    /// The first resource with an id or name keeps it, as a search from the start finds it.
    pub fn insert(&mut self, position: usize, id: Option<&str>, name: Option<&str>) {
        if let Some(id) = id {
            self.by_id.entry(id.to_string()).or_insert(position);
        }
        if let Some(name) = name {
            self.by_name.entry(name.to_string()).or_insert(position);
        }
    }

    /// The resource a `Ref` (logical id) or a written name points at.
    pub fn find(&self, target: Option<&Target>) -> Option<usize> {
        match target? {
            Target::Resource(id) => self.by_id.get(id).copied(),
            Target::Named(name) => self.by_name.get(name).copied(),
        }
    }
}
