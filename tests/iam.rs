//! IAM policies in each form ecslint reads them — a standalone file, an object embedded in a
//! template, and a JSON string in a template — get the same located findings; and the role
//! rules see through a template's graph to what the roles may do.

use ecslint::RuleFilter;
use ecslint::lint::lint_bytes;

/// One policy with something for most grammar and risk rules.
const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Deploy", "Effect": "Allow", "Action": ["ecs:*", "ecr:GetAuthorisationToken", "iam:PassRole"], "Resource": "*"}, {"Sid": "Deploy", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEqual": {"aws:RequestedRegion": "eu-west-1"}}}, {"Effect": "allow", "Action": "*", "Resource": "*"}]}"#;

/// (rule, the text each finding points at), in file order.
fn findings(path: &str, text: &str) -> Vec<(String, String)> {
    let report = lint_bytes(path.into(), text.as_bytes(), &RuleFilter::default_rules());
    report
        .diagnostics
        .iter()
        .map(|d| {
            let written = &report.text[d.span.start as usize..d.span.end as usize];
            // Inside a JSON string, quotes are escaped.
            (d.rule.id.to_string(), written.replace("\\\"", "\""))
        })
        .collect()
}

#[test]
fn standalone_embedded_and_string_policies_get_the_same_located_findings() {
    let standalone = findings("policy.json", POLICY);
    let ids: Vec<&str> = standalone.iter().map(|(id, _)| id.as_str()).collect();
    for expected in [
        "IAM-002", "IAM-003", "IAM-004", "IAM-007", "IAM-009", "IAM-010", "IAM-011", "IAM-014",
    ] {
        assert!(
            ids.contains(&expected),
            "{expected} missing from {standalone:?}"
        );
    }
    assert!(standalone.contains(&("IAM-014".into(), "\"StringEqual\"".into())));
    assert!(standalone.contains(&("IAM-004".into(), "\"ecr:GetAuthorisationToken\"".into())));

    let embedded = format!(
        r#"{{"Resources": {{"Deploy": {{"Type": "AWS::IAM::ManagedPolicy", "Properties": {{"PolicyDocument": {POLICY}}}}}}}}}"#
    );
    assert_eq!(findings("template.json", &embedded), standalone);

    let string = serde_json::to_string(POLICY).unwrap();
    let in_string = format!(
        r#"{{"Resources": {{"Deploy": {{"Type": "AWS::IAM::ManagedPolicy", "Properties": {{"PolicyDocument": {string}}}}}}}}}"#
    );
    assert_eq!(findings("template.json", &in_string), standalone);

    let yaml = format!(
        "Resources:\n  Deploy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: |\n        {POLICY}\n"
    );
    assert_eq!(findings("template.yaml", &yaml), standalone);
}

/// A Fargate task whose execution role has the managed policy and, per test, more.
fn fargate_template(extra_statements: &str) -> String {
    format!(
        r#"
Resources:
  ExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {{Effect: Allow, Principal: {{Service: ecs-tasks.amazonaws.com}}, Action: sts:AssumeRole}}
      ManagedPolicyArns:
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
      Policies:
        - PolicyName: extra
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {{Effect: Allow, Action: sts:GetCallerIdentity, Resource: "*"}}
{extra_statements}
  Secret:
    Type: AWS::SecretsManager::Secret
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: "256"
      Memory: "512"
      ExecutionRoleArn: !GetAtt ExecutionRole.Arn
      ContainerDefinitions:
        - Name: web
          Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1
          Secrets:
            - {{Name: DB, ValueFrom: !Ref Secret}}
            - {{Name: KEY, ValueFrom: /web/key}}
          LogConfiguration:
            LogDriver: awslogs
            Options: {{awslogs-group: /ecs/web, awslogs-region: eu-west-1, awslogs-stream-prefix: web}}
"#
    )
}

fn rule_ids(text: &str) -> Vec<String> {
    findings("template.yaml", text)
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| id.starts_with("ECS-EXEC"))
        .collect()
}

#[test]
fn the_execution_role_needs_each_permission_and_then_is_quiet() {
    let reads = r#"              - {Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: !Ref Secret}
              - {Effect: Allow, Action: ssm:GetParameters, Resource: !Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/web/*"}"#;
    assert_eq!(rule_ids(&fargate_template(reads)), Vec::<String>::new());

    // Without the reads, both secrets are reported.
    assert_eq!(
        rule_ids(&fargate_template("")),
        ["ECS-EXEC-004", "ECS-EXEC-004"]
    );

    // A Deny takes each managed permission away.
    for (deny, rule) in [
        ("ecr:BatchGetImage", "ECS-EXEC-002"),
        ("logs:PutLogEvents", "ECS-EXEC-003"),
    ] {
        let statements = format!(
            "{reads}\n              - {{Effect: Deny, Action: \"{deny}\", Resource: \"*\"}}"
        );
        assert_eq!(rule_ids(&fargate_template(&statements)), [rule], "{deny}");
    }

    // A conditional Deny makes the answer unknown: nothing is reported.
    let conditional = format!(
        "{reads}\n              - {{Effect: Deny, Action: \"ecr:*\", Resource: \"*\", Condition: {{Bool: {{aws:ViaAWSService: \"false\"}}}}}}"
    );
    assert_eq!(
        rule_ids(&fargate_template(&conditional)),
        Vec::<String>::new()
    );
}
