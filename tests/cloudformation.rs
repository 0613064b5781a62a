//! CloudFormation as a whole: clean templates stay clean, a template means the same in JSON
//! and YAML, and the resource graph links what the issue of a template needs linked.

mod common;

use common::{files_under, lint, manifest_dir, relative};
use ecslint::dialect::cloudformation::{Template, models};
use ecslint::source::{Syntax, parse};

#[test]
fn clean_realistic_templates_have_no_findings() {
    let files: Vec<_> = files_under(&manifest_dir().join("testdata/cloudformation/clean"))
        .iter()
        .map(|p| relative(p))
        .collect();
    assert!(files.len() >= 3);
    for report in lint(&files) {
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.rule.id, d.message))
            .collect();
        assert!(found.is_empty(), "{}: {found:#?}", report.path);
    }
}

/// Fixtures written once in YAML and converted to JSON report the same findings at the same
/// JSON pointers.
#[test]
fn json_and_yaml_templates_mean_the_same() {
    let pairs = [
        "ECS-SVC-001/fail/cfn-no-network-configuration",
        "ECS-SVC-008/fail/cfn-fixed-health-check-port",
        "ELB-001/fail/cfn-classic-dynamic",
        "FARGATE-001/fail/cfn-size-mapping",
        "FARGATE-004/fail/cfn-fargate-service-bridge",
        "FARGATE-015/fail/cfn-cluster-default",
        "FARGATE-017/fail/cfn-fargate-spread",
        "FARGATE-018/fail/cfn-cluster-default-classic",
        "ECS-EXEC-001/fail/cfn-sub-ecr-image",
        "ECS-TD-001/fail/cfn-no-essential",
    ];
    for stem in pairs {
        let findings = |ext: &str| {
            let path = relative(&manifest_dir().join(format!("testdata/rules/{stem}.{ext}")));
            let reports = lint(&[path]);
            let mut found: Vec<String> = reports[0]
                .diagnostics
                .iter()
                .map(|d| format!("{} {} {}", d.rule.id, d.pointer, d.message))
                .collect();
            found.sort();
            found
        };
        let yaml = findings("yaml");
        assert!(!yaml.is_empty(), "{stem}");
        assert_eq!(yaml, findings("json"), "{stem}");
    }
}

#[test]
fn the_graph_links_container_instances_to_their_role() {
    let path = manifest_dir().join("testdata/cloudformation/clean/ec2-cluster-dynamic-ports.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let documents = parse(Syntax::detect(path.to_str().unwrap(), &text), &text).unwrap();
    let template = Template::new(&documents[0], &text);
    let model = &models(&template)[0].model;

    let roles: Vec<_> = model.ecs_instance_roles().iter().map(|r| r.role).collect();
    let ids: Vec<_> = roles
        .iter()
        .filter_map(|r| r.id.as_ref())
        .map(|id| id.value.as_str())
        .collect();
    assert_eq!(ids, ["InstanceRole"]);
    assert_eq!(roles[0].managed_policy_arns.len(), 1);

    let service = &model.services()[0];
    let td = model
        .task_definition_of(service)
        .expect("service → task definition");
    assert_eq!(td.id.as_ref().unwrap().value, "TaskDefinition");
    assert!(model.services_running(td).count() == 1);
    let group = model
        .target_group_of(&service.load_balancers[0])
        .expect("→ target group");
    assert_eq!(group.effective_target_type().as_deref(), Some("instance"));
    assert!(model.cluster_of(service).is_some());
    assert!(
        model.service_fargate_by(service).is_none(),
        "the default strategy is the ASG"
    );
}

#[test]
fn roles_gather_their_policies() {
    let text = r#"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app
      Policies:
        - PolicyName: inline
          PolicyDocument: {Version: "2012-10-17", Statement: []}
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: attached
      PolicyDocument: {Version: "2012-10-17", Statement: []}
      Roles: [!Ref Role]
  ByName:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: "2012-10-17", Statement: []}
      Roles: [app]
  Elsewhere:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: "2012-10-17", Statement: []}
      Roles: [other]
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !GetAtt Role.Arn
      ExecutionRoleArn: !Sub "${Role.Arn}"
      ContainerDefinitions: [{Name: app, Image: "nginx:1.27", Memory: 128}]
"#;
    let documents = parse(Syntax::Yaml, text).unwrap();
    let template = Template::new(&documents[0], text);
    let model = &models(&template)[0].model;
    let td = &model.task_definitions()[0];
    let role = model.role(&td.task_role_arn).expect("task role");
    assert!(std::ptr::eq(
        role,
        model.role(&td.execution_role_arn).unwrap()
    ));
    assert_eq!(role.inline_policies.len(), 1);
    let attached: Vec<_> = model
        .policies_of(role)
        .map(|p| p.id.as_ref().unwrap().value.as_str())
        .collect();
    assert_eq!(attached, ["Attached", "ByName"]);
}

/// SAM and CDK output are templates too, and a `.template` file is read as JSON or YAML by
/// its first character.
#[test]
fn sam_and_cdk_templates_with_any_extension() {
    let sam = r#"
Transform: AWS::Serverless-2016-10-31
Resources:
  Function:
    Type: AWS::Serverless::Function
    Properties: {Handler: index.handler, Runtime: python3.13}
  Task:
    Type: AWS::ECS::TaskDefinition
    Metadata: {aws:cdk:path: Stack/Task/Resource}
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: "256"
      Memory: "4096"
      ContainerDefinitions: [{Name: app, Image: "nginx:1.27"}]
"#;
    let cdk = r#"{"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition",
        "Metadata": {"aws:cdk:path": "Stack/Task/Resource"},
        "Properties": {"RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc",
          "Cpu": "256", "Memory": "4096",
          "ContainerDefinitions": [{"Name": "app", "Image": "nginx:1.27"}]}}}}"#;
    for (name, text) in [
        ("stack.template", sam),
        ("cdk.template", cdk),
        ("sam.yml", sam),
    ] {
        let report = ecslint::lint::lint_bytes(
            name.into(),
            text.as_bytes(),
            &ecslint::RuleFilter::default_rules(),
        );
        let rules: Vec<_> = report.diagnostics.iter().map(|d| d.rule.id).collect();
        assert_eq!(rules, ["FARGATE-001"], "{name}");
    }
}

#[test]
fn the_graph_links_a_service_to_its_classic_load_balancer() {
    let path = manifest_dir().join("testdata/rules/ELB-001/fail/cfn-classic-dynamic.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let documents = parse(Syntax::Yaml, &text).unwrap();
    let template = Template::new(&documents[0], &text);
    let model = &models(&template)[0].model;
    let lb = &model.services()[0].load_balancers[0];
    let clb = model
        .classic_load_balancer_of(lb)
        .expect("→ Classic Load Balancer");
    let ports: Vec<_> = clb
        .instance_ports
        .iter()
        .flatten()
        .map(|p| p.value)
        .collect();
    assert_eq!(ports, [80]);
    assert!(model.target_group_of(lb).is_none());
}
