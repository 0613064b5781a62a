//! Evaluated Terraform resources to the model. The AWS provider flattens and renames the
//! API's structure (`deployment_maximum_percent` for `deploymentConfiguration.maximumPercent`,
//! `load_balancer` blocks for `loadBalancers`); each resource is reshaped into the API's
//! structure in snake_case, keeping every span, and then read by the shared builder.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::dialect::PartKind;
use crate::dialect::reader::{Reader, Resolve, Scalar, Spelling, Verbatim};
use crate::dialect::resources::{Builder, Kind};
use crate::model::{Dependencies, Model, Val};
use crate::schema::{self, Violation};
use crate::source::ParseError;
use crate::source::embedded::parse_json_in_string;
use crate::source::span::{Located, Origin, Span};
use crate::source::tree::{Entry, Expr, Node, Value};

use super::evaluate::Resource;

/// The model of a configuration or plan, and what is wrong inside its JSON strings.
#[derive(Default)]
pub struct Read {
    pub model: Model,
    /// Container definitions that do not match the ECS API's shape.
    pub violations: Vec<Violation>,
    /// JSON strings that do not parse.
    pub errors: Vec<ParseError>,
}

/// Reads evaluated resources; `text` is the text their spans index.
pub fn model(resources: &[Resource], text: &str) -> Read {
    let mut read = Read::default();
    let mut builder = Builder::default();
    let mut dependencies = Dependencies::default();
    for resource in resources {
        dependencies.add(&resource.id, resource.dependencies.iter().cloned());
        let Some((kind, reshape)) = shape(&resource.kind) else {
            continue;
        };
        let mut body = Body::of(&resource.body);
        reshape(&mut body);
        if kind == Kind::TaskDefinition {
            container_definitions(&mut body, text, &mut read);
        }
        let node = body.node();
        let resolver = Resolver {
            origins: &resource.origins,
        };
        let reader = Reader {
            spelling: Spelling::Snake,
            resolve: &resolver,
            text,
        };
        builder.add(
            kind,
            &reader,
            &node,
            Located::new(resource.id.clone(), resource.id_span),
        );
    }
    read.model = builder.finish();
    read.model.spelling = Spelling::Snake;
    read.model.dependencies = Arc::new(dependencies);
    // `resourceServiceCreate` retries "does not have an associated load balancer"
    // (terraform-provider-aws, internal/service/ecs/service.go).
    read.model.retries_unattached_target_group = true;
    read
}

/// `container_definitions`: a JSON string (heredoc, `file()`, a plan's value) is parsed with
/// positions mapped back through its escapes; `jsonencode` of HCL is already a tree. Either is
/// checked against the ECS API's container definition, since the provider silently drops
/// keys it does not know.
fn container_definitions(body: &mut Body, text: &str, read: &mut Read) {
    let Some(entry) = body
        .entries
        .iter_mut()
        .find(|e| e.key == "container_definitions")
    else {
        return;
    };
    if let Value::String(written) = &entry.value.value {
        match parse_json_in_string(written, text, entry.value.span) {
            Ok(parsed) => entry.value = parsed.to_owned_at(0),
            Err(error) => {
                read.errors.push(ParseError::new(
                    format!(
                        "`container_definitions` is not valid JSON: {}",
                        error.message
                    ),
                    error.span,
                ));
                entry.value = Node::new(entry.value.span, Value::Expr(Box::new(Expr::Unknown)));
                return;
            }
        }
    }
    if entry.value.as_array().is_some() {
        read.violations.extend(schema::validate(
            PartKind::ContainerDefinitions,
            &entry.value,
        ));
    }
}

/// Values as evaluation left them: links, partly known strings and unknowns from
/// expressions, and where values reached through variables were written.
struct Resolver<'a> {
    origins: &'a FxHashMap<Span, Origin>,
}

impl Resolve for Resolver<'_> {
    fn scalar<'n>(&self, node: &'n Node) -> Val<Scalar<'n>> {
        let value = match &node.value {
            Value::Expr(expr) => match &**expr {
                Expr::Link { id, attribute } => Val::Known(Located::new(
                    Scalar::Link {
                        id: Cow::Borrowed(id),
                        attribute: attribute.as_deref().map(Cow::Borrowed),
                    },
                    node.span,
                )),
                Expr::Partial(text) => Val::Known(Located::new(
                    Scalar::Template(Cow::Borrowed(text)),
                    node.span,
                )),
                _ => Val::Unknown(node.span),
            },
            // Terraform has already interpolated every `${…}` it will: what is left in a
            // string is text (`$${aws:username}` in HCL is the policy variable).
            _ => Verbatim.scalar(node),
        };
        match value {
            Val::Known(mut located) => {
                located.origin = self.origins.get(&node.span).cloned().map(Box::new);
                Val::Known(located)
            }
            other => other,
        }
    }
}

/// Rewrites a resource body into the API's structure.
type Reshape = fn(&mut Body);

/// How each resource type is reshaped, and which kind it is.
fn shape(resource_type: &str) -> Option<(Kind, Reshape)> {
    Some(match resource_type {
        "aws_ecs_task_definition" => (Kind::TaskDefinition, |b| {
            b.single("runtime_platform");
            b.single("ephemeral_storage");
            b.single("proxy_configuration");
            b.rename("inference_accelerator", "inference_accelerators");
            b.list("placement_constraints");
            b.rename("volume", "volumes");
            b.each("volumes", |v| {
                v.nest("host_path", "host", "source_path");
                v.single("docker_volume_configuration");
                v.single("efs_volume_configuration");
                v.each_object("efs_volume_configuration", |e| {
                    e.single("authorization_config")
                });
            });
        }),
        "aws_ecs_service" => (Kind::Service, |b| {
            b.rename("name", "service_name");
            b.list("load_balancer");
            b.rename("load_balancer", "load_balancers");
            b.each("load_balancers", |lb| {
                lb.rename("elb_name", "load_balancer_name")
            });
            b.list("ordered_placement_strategy");
            b.rename("ordered_placement_strategy", "placement_strategy");
            b.list("capacity_provider_strategy");
            b.single("deployment_configuration");
            b.nest(
                "deployment_maximum_percent",
                "deployment_configuration",
                "maximum_percent",
            );
            b.nest(
                "deployment_minimum_healthy_percent",
                "deployment_configuration",
                "minimum_healthy_percent",
            );
            for rollback in ["deployment_circuit_breaker", "alarms"] {
                b.single(rollback);
                b.nest(rollback, "deployment_configuration", rollback);
            }
            b.rename("iam_role", "role");
            b.single("service_connect_configuration");
            b.each_object("service_connect_configuration", |c| {
                c.list("service");
                c.rename("service", "services");
            });
            b.list("placement_constraints");
            b.list("service_registries");
            b.single("deployment_controller");
            b.single("network_configuration");
            b.wrap("network_configuration", "awsvpc_configuration");
        }),
        "aws_ecs_cluster" => (Kind::Cluster, |b| {
            b.rename("name", "cluster_name");
            b.single("configuration");
            b.each_object("configuration", |c| {
                c.single("execute_command_configuration")
            });
            b.list("default_capacity_provider_strategy");
            b.list("setting");
            b.rename("setting", "cluster_settings");
        }),
        "aws_ecs_cluster_capacity_providers" => (Kind::ClusterCapacityProviders, |b| {
            b.rename("cluster_name", "cluster");
            b.list("default_capacity_provider_strategy");
        }),
        "aws_ecs_capacity_provider" => (Kind::CapacityProvider, |b| {
            b.single("auto_scaling_group_provider");
            b.each_object("auto_scaling_group_provider", |g| {
                g.single("managed_scaling")
            });
        }),
        "aws_lb_target_group" | "aws_alb_target_group" => (Kind::TargetGroup, |b| {
            b.single("health_check");
            b.lift("health_check", "port", "health_check_port");
        }),
        "aws_lb" | "aws_alb" => (Kind::LoadBalancer, |_| {}),
        "aws_lb_listener" | "aws_alb_listener" => (Kind::Listener, |b| {
            b.list("default_action");
            b.rename("default_action", "default_actions");
            b.each("default_actions", forward_action);
        }),
        "aws_lb_listener_rule" | "aws_alb_listener_rule" => (Kind::ListenerRule, |b| {
            b.list("action");
            b.rename("action", "actions");
            b.each("actions", forward_action);
        }),
        "aws_elb" => (Kind::ClassicLoadBalancer, |b| {
            b.rename("name", "load_balancer_name");
            b.list("listener");
            b.rename("listener", "listeners");
        }),
        "aws_iam_role" => (Kind::Role, |b| {
            b.rename("name", "role_name");
            b.rename("assume_role_policy", "assume_role_policy_document");
            b.list("inline_policy");
            b.rename("inline_policy", "policies");
            b.each("policies", |p| {
                p.rename("name", "policy_name");
                p.rename("policy", "policy_document");
            });
        }),
        "aws_iam_role_policy" => (Kind::Policy, |b| {
            b.rename("policy", "policy_document");
            b.wrap_list("role", "roles");
        }),
        "aws_iam_policy" => (Kind::Policy, |b| b.rename("policy", "policy_document")),
        "aws_iam_role_policy_attachment" => (Kind::PolicyAttachment, |_| {}),
        "aws_iam_instance_profile" => (Kind::InstanceProfile, |b| b.wrap_list("role", "roles")),
        "aws_ecr_repository" => (Kind::Repository, |b| {
            b.rename("name", "repository_name");
            b.single("image_scanning_configuration");
            b.single("encryption_configuration");
        }),
        "aws_ecr_lifecycle_policy" => (Kind::LifecyclePolicy, |b| {
            b.rename("policy", "lifecycle_policy_text");
        }),
        "aws_efs_file_system" => (Kind::FileSystem, |_| {}),
        "aws_efs_file_system_policy" => (Kind::FileSystemPolicy, |_| {}),
        "aws_ecr_repository_policy" => (Kind::RepositoryPolicy, |b| {
            b.rename("policy", "policy_text");
        }),
        "aws_launch_template" => (Kind::LaunchTemplate, |b| {
            b.single("iam_instance_profile");
            b.nest(
                "iam_instance_profile",
                "launch_template_data",
                "iam_instance_profile",
            );
            b.nest("user_data", "launch_template_data", "user_data");
            b.nest("instance_type", "launch_template_data", "instance_type");
            b.single("metadata_options");
            b.nest(
                "metadata_options",
                "launch_template_data",
                "metadata_options",
            );
        }),
        "aws_launch_configuration" => (Kind::LaunchConfiguration, |b| b.single("metadata_options")),
        "aws_autoscaling_group" => (Kind::AutoScalingGroup, |b| {
            b.single("launch_template");
            b.each_object("launch_template", |t| {
                t.rename("id", "launch_template_id");
                t.rename("name", "launch_template_name");
            });
            b.rename("launch_configuration", "launch_configuration_name");
            b.single("mixed_instances_policy");
            b.each_object("mixed_instances_policy", |m| {
                m.single("launch_template");
                m.each_object("launch_template", |t| {
                    t.single("launch_template_specification");
                    t.list("override");
                    t.rename("override", "overrides");
                });
            });
        }),
        "aws_appautoscaling_target" => (Kind::ScalableTarget, |_| {}),
        "aws_appautoscaling_policy" => (Kind::ScalingPolicy, |b| {
            // The provider names the target by the resource id it copies from it.
            b.rename("resource_id", "scaling_target_id");
            b.single("target_tracking_scaling_policy_configuration");
            b.each_object("target_tracking_scaling_policy_configuration", |c| {
                c.single("predefined_metric_specification")
            });
        }),
        "aws_eks_fargate_profile" => (Kind::FargateProfile, |b| {
            b.list("selector");
            b.rename("selector", "selectors");
            b.rename("subnet_ids", "subnets");
        }),
        "aws_apprunner_service" => (Kind::AppRunnerService, |b| {
            b.single("instance_configuration");
        }),
        "aws_internet_gateway" => (Kind::InternetGateway, |_| {}),
        "aws_route" => (Kind::Route, |_| {}),
        "aws_route_table" => (Kind::RouteTable, |b| {
            b.list("route");
            b.rename("route", "routes");
        }),
        "aws_route_table_association" => (Kind::RouteTableAssociation, |_| {}),
        "aws_vpc_endpoint" => (Kind::VpcEndpoint, |_| {}),
        _ => return None,
    })
}

/// A listener's or rule's action: the provider's `forward` block with its `target_group`
/// blocks is the API's `forwardConfig.targetGroups`.
fn forward_action(action: &mut Body) {
    action.single("forward");
    action.rename("forward", "forward_config");
    action.each_object("forward_config", |forward| {
        forward.list("target_group");
        forward.rename("target_group", "target_groups");
        forward.each("target_groups", |group| {
            group.rename("arn", "target_group_arn")
        });
    });
}

/// A resource body being reshaped.
struct Body {
    span: Span,
    entries: Vec<Entry<'static>>,
}

impl Body {
    fn of(node: &Node<'static>) -> Body {
        Body {
            span: node.span,
            entries: node.as_object().map(<[_]>::to_vec).unwrap_or_default(),
        }
    }

    fn node(self) -> Node<'static> {
        Node::new(self.span, Value::Object(self.entries.into()))
    }

    fn find(&mut self, key: &str) -> Option<&mut Entry<'static>> {
        self.entries.iter_mut().rev().find(|e| e.key == key)
    }

    fn take(&mut self, key: &str) -> Option<Entry<'static>> {
        let at = self.entries.iter().rposition(|e| e.key == key)?;
        Some(self.entries.remove(at))
    }

    fn rename(&mut self, from: &str, to: &'static str) {
        for entry in self.entries.iter_mut().filter(|e| e.key == from) {
            entry.key = Cow::Borrowed(to);
        }
    }

    /// A block written once: HCL and plans give a list of one, `.tf.json` may give the
    /// object. An empty list is no block.
    fn single(&mut self, key: &str) {
        let Some(entry) = self.find(key) else {
            return;
        };
        if let Value::Array(items) = &mut entry.value.value {
            match items.len() {
                0 => {
                    self.take(key);
                }
                1 => entry.value = items.remove(0),
                _ => {}
            }
        }
    }

    /// A repeatable block, which `.tf.json` may write as one object.
    fn list(&mut self, key: &str) {
        if let Some(entry) = self.find(key)
            && entry.value.as_object().is_some()
        {
            let item = std::mem::replace(&mut entry.value, Node::new(Span::default(), Value::Null));
            entry.value = Node::new(item.span, Value::Array(vec![item]));
        }
    }

    /// Reshapes each object of the list `key`.
    fn each(&mut self, key: &str, f: impl Fn(&mut Body)) {
        if let Some(Entry {
            value:
                Node {
                    value: Value::Array(items),
                    ..
                },
            ..
        }) = self.find(key)
        {
            for item in items.iter_mut().filter(|i| i.as_object().is_some()) {
                let mut body = Body::of(item);
                f(&mut body);
                *item = body.node();
            }
        }
    }

    /// Reshapes the object `key`.
    fn each_object(&mut self, key: &str, f: impl Fn(&mut Body)) {
        if let Some(entry) = self.find(key)
            && entry.value.as_object().is_some()
        {
            let mut body = Body::of(&entry.value);
            f(&mut body);
            entry.value = body.node();
        }
    }

    /// Moves the argument `from` into the object `parent` (made if absent) as `to`.
    fn nest(&mut self, from: &str, parent: &'static str, to: &'static str) {
        let Some(mut moved) = self.take(from) else {
            return;
        };
        moved.key = Cow::Borrowed(to);
        match self.find(parent) {
            Some(Entry {
                value:
                    Node {
                        value: Value::Object(members),
                        span,
                    },
                ..
            }) => {
                *span = span.cover(moved.value.span);
                members.push(moved);
            }
            _ => self.entries.push(Entry {
                key: Cow::Borrowed(parent),
                key_span: moved.key_span,
                value: Node::new(moved.value.span, Value::Object(vec![moved].into())),
            }),
        }
    }

    /// Puts the object `key` one level down, as `inner`.
    fn wrap(&mut self, key: &str, inner: &'static str) {
        if let Some(entry) = self.find(key)
            && entry.value.as_object().is_some()
        {
            let value =
                std::mem::replace(&mut entry.value, Node::new(Span::default(), Value::Null));
            let span = value.span;
            entry.value = Node::new(
                span,
                Value::Object(
                    vec![Entry {
                        key: Cow::Borrowed(inner),
                        key_span: entry.key_span,
                        value,
                    }]
                    .into(),
                ),
            );
        }
    }

    /// A single value the API takes as a list: `role` as `roles`.
    fn wrap_list(&mut self, key: &str, to: &'static str) {
        if let Some(entry) = self.find(key) {
            entry.key = Cow::Borrowed(to);
            if entry.value.as_array().is_none() {
                let value =
                    std::mem::replace(&mut entry.value, Node::new(Span::default(), Value::Null));
                entry.value = Node::new(value.span, Value::Array(vec![value]));
            }
        }
    }

    /// Copies `parent.child` up as `to`.
    fn lift(&mut self, parent: &str, child: &str, to: &'static str) {
        let Some(entry) = self
            .find(parent)
            .and_then(|p| p.value.entry(child).cloned())
        else {
            return;
        };
        self.entries.push(Entry {
            key: Cow::Borrowed(to),
            ..entry
        });
    }
}
