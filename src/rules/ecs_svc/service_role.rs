use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, Resource, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks a service's `role` (the IAM role ECS uses to register tasks with a load
    /// balancer): it needs `loadBalancers`, and it must be left out when the service needs
    /// the ECS service-linked role — awsvpc tasks, service discovery, the `EXTERNAL`
    /// deployment controller or several target groups. A role of the template whose `Path`
    /// is not `/` is named by its ARN, not by its name.
    ///
    /// ## Why is this bad?
    /// The `CreateService` reference: "If you specify the role parameter, you must also
    /// specify a load balancer object", and the service-linked role "is required if your task
    /// definition uses the awsvpc network mode or if the service is configured to use service
    /// discovery, an external deployment controller, multiple target groups, …, in which case
    /// you don't specify a role here". ECS rejects the service ("You cannot specify an IAM
    /// role for services that require a service linked role"). The role is a leftover from
    /// before service-linked roles existed; new services need none. "If your specified role
    /// has a path other than /, then you must either specify the full role ARN (this is
    /// recommended) or prefix the role name with the path."
    ///
    /// ## Example
    /// ```yaml
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     Role: !Ref EcsServiceRole   # with an awsvpc task definition
    ///     NetworkConfiguration: ...
    /// ```
    ///
    /// Use instead: remove `Role`.
    ///
    /// ## References
    /// - [Amazon ECS API: CreateService `role`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html)
    /// - [Amazon ECS: service-linked role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html)
    pub ServiceRole {
        id: "ECS-SVC-004",
        name: "service-role-misuse",
        severity: Error,
        summary: "Service role without a load balancer, or where ECS requires its service-linked role",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    }
}

impl Check for ServiceRole {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            // A role only known at deploy time may be none at all (`cond ? arn : null`).
            let Some(role) = known(&service.role) else {
                continue;
            };
            let subject = service.subject();
            if service.role_by_name
                && let Some(declared) = model.role(&service.role)
                && let Some(path) = known(&declared.path).filter(|p| p.value != "/")
            {
                sink.report(
                    role.span,
                    format!(
                        "{subject} names its service role `{}` by name, but the role's path is `{}`, so ECS cannot find it",
                        declared.logical_id().unwrap_or_default(),
                        path.value
                    ),
                )
                .primary("the role's name")
                .label(path.span, "path")
                .help("Pass the role's ARN, which includes the path.");
            }
            let help = format!(
                "Remove {}: ECS uses its service-linked role, AWSServiceRoleForECS.",
                model.property("role")
            );
            if service.load_balancers.is_empty() {
                if service.load_balancers_unknown {
                    continue;
                }
                sink.report(
                    role.span,
                    format!("{subject} sets a service role but no load balancer, the only thing the role is for"),
                )
                .primary("service role")
                .help(help);
                continue;
            }
            let td = model.task_definition_of(service);
            let awsvpc = td
                .and_then(|td| known(&td.network_mode))
                .filter(|m| m.value == NetworkMode::Awsvpc)
                .map(|m| (m.span, "its tasks use the awsvpc network mode"));
            let discovery = service
                .service_registries
                .first()
                .map(|r| (r.span, "it uses service discovery"));
            let external = known(&service.deployment_controller)
                .filter(|c| c.value == "EXTERNAL")
                .map(|c| (c.span, "it uses the EXTERNAL deployment controller"));
            let groups = service
                .load_balancers
                .iter()
                .filter(|lb| lb.target_group_arn.is_some())
                .nth(1)
                .map(|lb| (lb.span, "it registers with several target groups"));
            if let Some((span, why)) = awsvpc.or(discovery).or(external).or(groups) {
                sink.report(
                    role.span,
                    format!("{subject} sets a service role, but {why}, which needs ECS's service-linked role instead"),
                )
                .primary("service role")
                .label(span, "needs the service-linked role")
                .help(help);
            }
        }
    }
}
