//! Application Auto Scaling: the scalable targets and scaling policies that change an ECS
//! service's desired count (`AWS::ApplicationAutoScaling::*`, `aws_appautoscaling_*`).

use crate::source::span::{Located, Span};

use super::{LogicalId, Subject, Target, Val};

/// `AWS::ApplicationAutoScaling::ScalableTarget` / `aws_appautoscaling_target`.
#[derive(Debug, Clone, Default)]
pub struct ScalableTarget {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub service_namespace: Option<Val<String>>,
    pub scalable_dimension: Option<Val<String>>,
    /// `service/<cluster>/<service>` for ECS; links stay in the text as `${Id}` or
    /// `${Id.Attribute}`, other unknown parts as `${…}`.
    pub resource_id: Option<Val<String>>,
    pub min_capacity: Option<Val<u32>>,
    pub max_capacity: Option<Val<u32>>,
}

/// The only dimension ECS services scale.
pub const ECS_DIMENSION: &str = "ecs:service:DesiredCount";

impl ScalableTarget {
    /// "Scalable target `ServiceScaling`".
    pub fn subject(&self) -> Subject<'_> {
        Subject::new(
            "scalable target",
            self.id.as_ref().map(|id| id.value.as_str()),
        )
    }

    /// The known minimum and maximum capacity.
    pub fn range(&self) -> Option<(&Located<u32>, &Located<u32>)> {
        Some((
            self.min_capacity.as_ref()?.known()?,
            self.max_capacity.as_ref()?.known()?,
        ))
    }

    /// Whether this target scales an ECS service: its namespace is `ecs`, or, where the
    /// namespace is unknown, its dimension is an ECS one.
    pub fn is_ecs(&self) -> bool {
        match self.service_namespace.as_ref().map(Val::value) {
            Some(Some(namespace)) => namespace == "ecs",
            _ => self
                .scalable_dimension
                .as_ref()
                .and_then(Val::value)
                .is_some_and(|d| d.starts_with("ecs:")),
        }
    }
}

/// `AWS::ApplicationAutoScaling::ScalingPolicy` / `aws_appautoscaling_policy`.
#[derive(Debug, Clone, Default)]
pub struct ScalingPolicy {
    pub span: Span,
    pub id: Option<LogicalId>,
    /// The scalable target it scales: `ScalingTargetId`, or Terraform's `resource_id`
    /// taken from the target.
    pub target: Option<Val<Target>>,
    /// `targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification`.
    pub predefined_metric: Option<PredefinedMetric>,
}

#[derive(Debug, Clone, Default)]
pub struct PredefinedMetric {
    pub span: Span,
    pub metric_type: Option<Val<String>>,
    pub resource_label: Option<Val<String>>,
}

/// The ECS service an ECS scalable target's `ResourceId` names, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceRef<'a> {
    /// A literal name (`service/prod/api`).
    Named(&'a str),
    /// A link to a declared resource (`${Service.Name}`), with the attribute it reads:
    /// `None` for a CloudFormation `Ref`.
    Link {
        id: &'a str,
        attribute: Option<&'a str>,
    },
    /// Only known at deploy time.
    Unknown,
}

/// An ECS `ResourceId` split into its cluster and service, if it has the shape
/// `service/<cluster>/<service>`; `Err` with what is wrong when it certainly does not.
/// Segments only known at deploy time (`${…}`, a parameter) may hold anything, so a
/// resource id with one is malformed only where its known text says so.
pub fn ecs_resource_id(text: &str) -> Result<(ServiceRef<'_>, ServiceRef<'_>), &'static str> {
    let segments = split_outside_references(text);
    let unknown = |s: &str| s.starts_with("${");
    match segments.as_slice() {
        [kind, cluster, service] if *kind == "service" || unknown(kind) => {
            Ok((segment(cluster), segment(service)))
        }
        [kind, ..] if *kind != "service" && !unknown(kind) => {
            Err("ECS resource ids start with `service/`")
        }
        _ if segments.iter().any(|s| unknown(s)) => Ok((ServiceRef::Unknown, ServiceRef::Unknown)),
        _ => Err("ECS resource ids have the form `service/<cluster>/<service>`"),
    }
}

/// `text` split at the slashes that are not inside a `${…}` reference.
fn split_outside_references(text: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes[i - 1] == b'$' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b'/' if depth == 0 => {
                segments.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    segments.push(&text[start..]);
    segments
}

fn segment(text: &str) -> ServiceRef<'_> {
    let Some(inner) = text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) else {
        return if text.contains("${") {
            ServiceRef::Unknown
        } else {
            ServiceRef::Named(text)
        };
    };
    if inner.contains("${") || inner.contains('}') || inner == "…" {
        return ServiceRef::Unknown;
    }
    match inner.rsplit_once('.') {
        Some((id, attribute)) => ServiceRef::Link {
            id,
            attribute: Some(attribute),
        },
        None => ServiceRef::Link {
            id: inner,
            attribute: None,
        },
    }
}

impl<'a> ServiceRef<'a> {
    /// The logical id of the declared resource this segment links to.
    pub fn link(&self) -> Option<&'a str> {
        match self {
            ServiceRef::Link { id, .. } => Some(id),
            _ => None,
        }
    }

    /// Whether this link reads a resource's ARN where the resource id needs its name: a
    /// CloudFormation `Ref` to a service, or an `Arn`/`arn`/`id` attribute (a Terraform
    /// resource's `id` is its ARN for clusters and services). `ref_is_arn` says what a `Ref`
    /// to this resource type returns.
    pub fn reads_arn(&self, ref_is_arn: bool) -> bool {
        match self {
            ServiceRef::Link {
                attribute: None, ..
            } => ref_is_arn,
            ServiceRef::Link {
                attribute: Some(a), ..
            } => matches!(*a, "Arn" | "arn" | "id"),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_resource_ids() {
        use ServiceRef::*;
        assert_eq!(
            ecs_resource_id("service/prod/api"),
            Ok((Named("prod"), Named("api")))
        );
        assert_eq!(
            ecs_resource_id("service/${Cluster}/${Service.Name}"),
            Ok((
                Link {
                    id: "Cluster",
                    attribute: None
                },
                Link {
                    id: "Service",
                    attribute: Some("Name")
                }
            ))
        );
        assert_eq!(
            ecs_resource_id("service/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}"),
            Ok((
                Link {
                    id: "aws_ecs_cluster.main",
                    attribute: Some("name")
                },
                Link {
                    id: "aws_ecs_service.app",
                    attribute: Some("name")
                }
            ))
        );
        assert_eq!(
            ecs_resource_id("service/${…}/api-${…}"),
            Ok((Unknown, Unknown))
        );
        // An ARN from a parameter may hold slashes: unknown, not malformed.
        assert_eq!(ecs_resource_id("${ServiceId}"), Ok((Unknown, Unknown)));
        assert!(ecs_resource_id("services/prod/api").is_err());
        assert!(ecs_resource_id("service/prod").is_err());
        assert!(ecs_resource_id("service/prod/api/extra").is_err());
    }

    #[test]
    fn links_that_read_an_arn() {
        let (cluster, service) = ecs_resource_id("service/${Cluster}/${Service}").unwrap();
        assert!(!cluster.reads_arn(false));
        assert!(service.reads_arn(true));
        let (cluster, _) = ecs_resource_id("service/${aws_ecs_cluster.main.id}/x").unwrap();
        assert!(cluster.reads_arn(false));
    }
}
