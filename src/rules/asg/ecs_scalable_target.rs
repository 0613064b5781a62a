use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::scaling::{ECS_DIMENSION, ecs_resource_id};
use crate::model::{Model, ScalableTarget, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds an ECS scalable target that cannot scale a service: a `ScalableDimension`
    /// other than `ecs:service:DesiredCount`, a `ResourceId` not of the form
    /// `service/<cluster>/<service>`, or a resource id built from an ARN where it needs a
    /// name (`!Ref` of an `AWS::ECS::Service` returns its ARN; so do `Arn` attributes and a
    /// Terraform resource's `id`).
    ///
    /// ## Why is this bad?
    /// Application Auto Scaling rejects a dimension the `ecs` namespace does not have, and a
    /// resource id naming no service: registering the target fails, or the policies attached
    /// to it never change the desired count.
    ///
    /// ## Example
    /// ```yaml
    /// ScalableTarget:
    ///   Type: AWS::ApplicationAutoScaling::ScalableTarget
    ///   Properties:
    ///     ServiceNamespace: ecs
    ///     ScalableDimension: ecs:service:DesiredCount
    ///     ResourceId: !Sub service/${Cluster}/${Service}   # the service's ARN
    /// ```
    ///
    /// Use instead: `!Sub service/${Cluster}/${Service.Name}`.
    ///
    /// ## References
    /// - [Application Auto Scaling API: RegisterScalableTarget (`ResourceId`, `ScalableDimension`)](https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html)
    /// - [CloudFormation: AWS::ECS::Service return values](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html#aws-resource-ecs-service-return-values)
    pub EcsScalableTarget {
        id: "ASG-002",
        name: "invalid-ecs-scalable-target",
        severity: Error,
        summary: "ECS scalable target with a wrong dimension or resource id",
        tags: ["scaling", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html",
    }
}

impl Check for EcsScalableTarget {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for target in model.scalable_targets().iter().filter(|t| t.is_ecs()) {
            if let Some(Val::Known(dimension)) = &target.scalable_dimension
                && dimension.value != ECS_DIMENSION
            {
                sink.report(
                    dimension.span,
                    format!(
                        "{} scales `{}`, but ECS services scale only `{ECS_DIMENSION}`",
                        target.subject(),
                        dimension.value
                    ),
                )
                .help(format!(
                    "Set {} to `{ECS_DIMENSION}`.",
                    model.property("scalableDimension")
                ));
            }
            resource_id(model, target, sink);
        }
    }
}

/// A resource id that is malformed, or that reads an ARN where it needs a name.
fn resource_id(model: &Model, target: &ScalableTarget, sink: &mut Sink) {
    let Some(Val::Known(id)) = &target.resource_id else {
        return;
    };
    let (cluster, service) = match ecs_resource_id(&id.value) {
        Ok(parts) => parts,
        Err(why) => {
            sink.report(
                id.span,
                format!(
                    "{}'s resource id `{}` names no ECS service: {why}",
                    target.subject(),
                    id.value
                ),
            )
            .help(format!(
                "Write {} as `service/<cluster name>/<service name>`.",
                model.property("resourceId")
            ));
            return;
        }
    };
    // `Ref` returns a cluster's name but a service's ARN.
    let linked_cluster = cluster
        .link()
        .filter(|id| model.by_id(model.clusters(), id).is_some());
    let linked_service = service
        .link()
        .filter(|id| model.by_id(model.services(), id).is_some());
    for (part, linked, what, ref_is_arn) in [
        (&cluster, linked_cluster, "cluster", false),
        (&service, linked_service, "service", true),
    ] {
        let Some(linked) = linked.filter(|_| part.reads_arn(ref_is_arn)) else {
            continue;
        };
        sink.report(
            id.span,
            format!(
                "{}'s resource id takes the {what} `{linked}`'s ARN where it needs the {what}'s name",
                target.subject()
            ),
        )
        .help(format!(
            "Use the {what}'s name: {}.",
            model.spelling.name_of(linked, !ref_is_arn)
        ));
    }
}
