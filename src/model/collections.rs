//! The model's resources, one collection per type, and the record of which collections a
//! rule reads.
//!
//! A template is checked in several scenarios (one per allowed parameter value or undecided
//! condition), and most scenarios change one or two resources. A rule is a function of the
//! collections it reads: when none of them differs from the default scenario's, the rule
//! takes the same path through the same values and reports exactly what it reported there —
//! findings the engine would drop as repeats. So each collection is read through an accessor
//! that notes the read ([`Model::task_definitions`]), the engine notes what each rule read in
//! the default scenario, and in another scenario it runs only the rules that read something
//! that scenario changes. The record is made by the accessors, not declared by the rules, so
//! it cannot fall out of date.

use std::ops::BitOr;

use crate::source::span::Span;

use super::*;

/// A set of the model's resource collections: those a rule read, or those a scenario
/// changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reads(u32);

impl Reads {
    pub const NONE: Reads = Reads(0);
    pub const ALL: Reads = Reads(u32::MAX);

    pub fn overlaps(self, other: Reads) -> bool {
        self.0 & other.0 != 0
    }
}

impl BitOr for Reads {
    type Output = Reads;
    fn bitor(self, other: Reads) -> Reads {
        Reads(self.0 | other.0)
    }
}

/// A resource that can be the target of a reference.
pub trait Resource {
    fn logical_id(&self) -> Option<&str>;

    /// Where to point when the resource as a whole is at fault (a property is missing):
    /// its logical id in a template, else the whole object.
    fn anchor(&self) -> Span;
}

/// The collections of the model, each with its [`Reads`] bit and accessor. `declared` ones
/// are resources a template or module declares, with a logical id that references point at:
/// each type gets [`Resource`], and [`Resources::logical_ids`] walks them all. Nothing
/// points at the `unlinked` ones.
macro_rules! collections {
    (
        declared { $($field:ident: $ty:ty => $bit:ident,)* }
        unlinked { $($(#[$doc:meta])* $dfield:ident: $dty:ty => $dbit:ident,)* }
    ) => {
        /// The bit of each collection in [`Reads`].
        #[expect(
            non_camel_case_types,
            clippy::upper_case_acronyms,
            reason = "named as the `Reads` constants"
        )]
        enum Bit { $($bit,)* $($dbit,)* }

        const _: () = assert!((Bit::COUNT as u32) < u32::BITS, "a collection per bit");

        impl Bit {
            const COUNT: usize = [$(stringify!($bit),)* $(stringify!($dbit),)*].len();
        }

        impl Reads {
            $(pub const $bit: Reads = Reads(1 << Bit::$bit as u32);)*
            $(pub const $dbit: Reads = Reads(1 << Bit::$dbit as u32);)*
        }

        /// Every resource of one input, by type: what the dialects fill.
        #[derive(Debug, Default)]
        pub struct Resources {
            $(pub $field: Vec<$ty>,)*
            $($(#[$doc])* pub $dfield: Vec<$dty>,)*
        }

        impl Resources {
            /// Every declared resource's logical id, with its position among those of its
            /// type.
            pub fn logical_ids(&self) -> impl Iterator<Item = (&str, usize)> {
                std::iter::empty()$(.chain(logical_ids(&self.$field)))*
            }
        }

        impl Model {
            $(
                pub fn $field(&self) -> &[$ty] {
                    self.note(Reads::$bit);
                    &self.resources.$field
                }
            )*
            $(
                $(#[$doc])*
                pub fn $dfield(&self) -> &[$dty] {
                    self.note(Reads::$dbit);
                    &self.resources.$dfield
                }
            )*
        }

        $(
            impl Resource for $ty {
                fn logical_id(&self) -> Option<&str> {
                    self.id.as_ref().map(|id| id.value.as_str())
                }

                fn anchor(&self) -> Span {
                    self.id.as_ref().map_or(self.span, |id| id.span)
                }
            }
        )*
    };
}

fn logical_ids<T: Resource>(items: &[T]) -> impl Iterator<Item = (&str, usize)> {
    items
        .iter()
        .enumerate()
        .filter_map(|(position, item)| Some((item.logical_id()?, position)))
}

collections! {
    declared {
        task_definitions: TaskDefinition => TASK_DEFINITIONS,
        services: Service => SERVICES,
        clusters: Cluster => CLUSTERS,
        target_groups: TargetGroup => TARGET_GROUPS,
        load_balancers: LoadBalancer => LOAD_BALANCERS,
        listeners: Listener => LISTENERS,
        classic_load_balancers: ClassicLoadBalancer => CLASSIC_LOAD_BALANCERS,
        roles: Role => ROLES,
        policies: Policy => POLICIES,
        instance_profiles: InstanceProfile => INSTANCE_PROFILES,
        launch_templates: LaunchTemplate => LAUNCH_TEMPLATES,
        auto_scaling_groups: AutoScalingGroup => AUTO_SCALING_GROUPS,
        capacity_providers: CapacityProvider => CAPACITY_PROVIDERS,
        repositories: Repository => REPOSITORIES,
        file_systems: FileSystem => FILE_SYSTEMS,
        scalable_targets: ScalableTarget => SCALABLE_TARGETS,
        scaling_policies: ScalingPolicy => SCALING_POLICIES,
        fargate_profiles: FargateProfile => FARGATE_PROFILES,
        app_runner_services: AppRunnerService => APP_RUNNER_SERVICES,
        internet_gateways: InternetGateway => INTERNET_GATEWAYS,
        vpc_endpoints: VpcEndpoint => VPC_ENDPOINTS,
    }
    unlinked {
        /// ECR lifecycle policies, of repositories or files of their own.
        lifecycle_policies: LifecyclePolicy => LIFECYCLE_POLICIES,
        /// Policy documents that are files of their own.
        standalone_policies: PolicyDocument => STANDALONE_POLICIES,
        route_table_associations: RouteTableAssociation => ROUTE_TABLE_ASSOCIATIONS,
        /// Routes, of route tables or resources of their own.
        routes: Route => ROUTES,
    }
}

impl Model {
    /// The model of `resources`, with their references resolved.
    pub fn new(resources: Resources) -> Model {
        Model {
            index: Index::of(&resources),
            resources,
            ..Model::default()
        }
    }

    /// Starts a new record of the collections read.
    pub fn start_reading(&self) {
        self.reads.set(Reads::NONE);
    }

    /// The collections read since [`Model::start_reading`].
    pub fn reads(&self) -> Reads {
        self.reads.get()
    }

    /// Notes a read that does not go through an accessor (a lookup in the index, derived
    /// from collections).
    pub(super) fn note(&self, read: Reads) {
        self.reads.set(self.reads.get() | read);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_note_what_is_read_since_the_start() {
        let model = Model::new(Resources::default());
        model.start_reading();
        assert_eq!(model.reads(), Reads::NONE);
        let _ = model.task_definitions();
        let _ = model.roles();
        assert_eq!(model.reads(), Reads::TASK_DEFINITIONS | Reads::ROLES);
        assert!(!model.reads().overlaps(Reads::SERVICES));
        model.start_reading();
        assert_eq!(model.reads(), Reads::NONE);
    }

    #[test]
    fn a_link_found_missing_still_reads_the_collection_it_searched() {
        // No service runs the task definition here; in a scenario where one does, the rule
        // that asked must run again.
        let model = Model::new(Resources {
            task_definitions: vec![TaskDefinition::default()],
            roles: vec![Role::default()],
            ..Resources::default()
        });
        model.start_reading();
        assert_eq!(
            model.services_running(&model.task_definitions()[0]).count(),
            0
        );
        assert!(model.reads().overlaps(Reads::SERVICES));
        model.start_reading();
        assert_eq!(model.policies_of(&model.roles()[0]).count(), 0);
        assert!(model.reads().overlaps(Reads::POLICIES));
    }

    #[test]
    fn every_collection_has_its_own_bit() {
        let all = [
            Reads::TASK_DEFINITIONS,
            Reads::SERVICES,
            Reads::ROLES,
            Reads::LIFECYCLE_POLICIES,
            Reads::STANDALONE_POLICIES,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(!a.overlaps(*b));
            }
            assert!(a.overlaps(Reads::ALL));
        }
    }
}
