//! End-to-end throughput: discover, read, parse, recognise, validate, model, rules and SARIF
//! rendering, on corpora generated here at run time (nothing is downloaded or committed).
//!
//! Run with `cargo bench`. Reports files/s and MB/s for each corpus, as the median of
//! several runs, for the library pipeline and for the release binary (process start included).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ecslint::report::{self, Format, Options};
use ecslint::source::discover::discover;
use ecslint::{Input, RuleFilter, check};

const RUNS: usize = 7;

// The same allocator as the shipped binary, so the in-process figures are comparable.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `ECSLINT_BENCH_DIR=path` writes the corpora there instead, to look at them.
    let kept = std::env::var_os("ECSLINT_BENCH_DIR").map(PathBuf::from);
    let base = kept.as_deref().unwrap_or(dir.path());
    let corpora = [
        (
            "task definitions, JSON",
            generate_task_definitions(base, 5_000, false),
        ),
        (
            "task definitions, YAML",
            generate_task_definitions(base, 1_000, true),
        ),
        (
            "large JSON (describe-services, ~4 MB each)",
            generate_large(base, 4),
        ),
        (
            "CloudFormation templates, YAML",
            generate_templates(base, 1_000, true),
        ),
        (
            "CloudFormation templates, JSON",
            generate_templates(base, 1_000, false),
        ),
        ("IAM policies, JSON", generate_policies(base, 5_000)),
        (
            "IAM-heavy templates (EC2 cluster), YAML",
            generate_iam_templates(base, 1_000),
        ),
        (
            "Terraform HCL modules (directories)",
            generate_terraform_modules(base, 1_000),
        ),
        ("Terraform plans, one line", generate_plans(base, 1_000)),
    ];
    let binary = binary();
    println!(
        "{:<44} {:>6} {:>7} {:>8} {:>9} {:>9} {:>7} {:>15} {:>12}",
        "corpus",
        "files",
        "MB",
        "findings",
        "time",
        "files/s",
        "MB/s",
        "binary files/s",
        "binary MB/s"
    );
    for (name, root) in &corpora {
        let bytes: u64 = discover(std::slice::from_ref(root))
            .files
            .iter()
            .map(|f| f.metadata().unwrap().len())
            .sum();
        let (files, library) = median(|| run_library(root).0);
        let findings = run_library(root).1;
        let binary_time = binary.as_ref().map(|b| median(|| run_binary(b, root)).1);
        let mb = bytes as f64 / 1e6;
        let per_second = |amount: f64, time: Option<Duration>| {
            time.map_or("-".into(), |t| format!("{:.0}", amount / t.as_secs_f64()))
        };
        println!(
            "{:<44} {:>6} {:>7.1} {:>8} {:>7.1}ms {:>9.0} {:>7.0} {:>15} {:>12}",
            name,
            files,
            mb,
            findings,
            library.as_secs_f64() * 1e3,
            files as f64 / library.as_secs_f64(),
            mb / library.as_secs_f64(),
            per_second(files as f64, binary_time),
            per_second(mb, binary_time),
        );
    }
}

fn median(mut run: impl FnMut() -> usize) -> (usize, Duration) {
    let mut times = Vec::with_capacity(RUNS);
    let mut files = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        files = std::hint::black_box(run());
        times.push(start.elapsed());
    }
    times.sort();
    (files, times[RUNS / 2])
}

/// The whole pipeline in-process, rendering SARIF as CI would: the number of files and of
/// findings.
fn run_library(root: &Path) -> (usize, usize) {
    let found = discover(&[root.to_path_buf()]);
    let inputs: Vec<Input> = found.files.into_iter().map(Input::File).collect();
    let reports = check(&inputs, &RuleFilter::default_rules());
    let sarif = report::render(
        &reports,
        &Options {
            format: Format::Sarif,
            color: false,
            root: root.to_path_buf(),
            files_checked: inputs.len(),
        },
    );
    std::hint::black_box(sarif.len());
    let findings = reports.iter().map(|r| r.diagnostics.len()).sum();
    (inputs.len(), findings)
}

fn run_binary(binary: &Path, root: &Path) -> usize {
    let output = Command::new(binary)
        .args(["check", "--format", "sarif", "--fail-level", "none"])
        .arg(root)
        .output()
        .expect("binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    0
}

/// The release binary, if `cargo build --release` has produced one.
fn binary() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/ecslint");
    path.exists().then_some(path)
}

/// Realistic task definitions: Fargate and EC2, two or three containers with logging,
/// secrets, port mappings and health checks; about one in five has a finding.
fn generate_task_definitions(base: &Path, count: usize, yaml: bool) -> PathBuf {
    let root = base.join(if yaml {
        "taskdefs-yaml"
    } else {
        "taskdefs-json"
    });
    for i in 0..count {
        let dir = root.join(format!("service-{:03}", i / 50));
        std::fs::create_dir_all(&dir).unwrap();
        let fargate = i % 3 != 0;
        let (cpu, memory) = match i % 5 {
            0 => ("256", "4096"),
            1 => ("512", "1024"),
            2 => ("1 vCPU", "2 GB"),
            3 => ("2048", "8192"),
            _ => ("4096", "16384"),
        };
        let containers: Vec<serde_json::Value> = (0..2 + i % 2)
            .map(|c| {
                serde_json::json!({
                    "name": format!("container-{c}"),
                    "image": format!("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app-{i}:{c}.4.1"),
                    "essential": c == 0,
                    "cpu": 128,
                    "memoryReservation": 256,
                    "portMappings": [{"containerPort": 8080 + c, "hostPort": if fargate { 8080 + c } else { 0 }, "protocol": "tcp"}],
                    "environment": [{"name": "ENV", "value": "production"}, {"name": "PORT", "value": (8080 + c).to_string()}],
                    "secrets": [{"name": "DB_PASSWORD", "valueFrom": format!("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-{i}-db")}],
                    "logConfiguration": {"logDriver": "awslogs", "options": {
                        "awslogs-group": format!("/ecs/app-{i}"), "awslogs-region": "eu-west-1", "awslogs-stream-prefix": format!("c{c}")}},
                    "healthCheck": {"command": ["CMD-SHELL", format!("curl -f http://localhost:{}/health || exit 1", 8080 + c)],
                        "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10},
                    "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]
                })
            })
            .collect();
        let mut td = serde_json::json!({
            "family": format!("app-{i}"),
            "taskRoleArn": format!("arn:aws:iam::123456789012:role/app-{i}-task"),
            "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "networkMode": if fargate { "awsvpc" } else { "bridge" },
            "requiresCompatibilities": [if fargate { "FARGATE" } else { "EC2" }],
            "containerDefinitions": containers,
            "tags": [{"key": "team", "value": "payments"}, {"key": "service", "value": format!("app-{i}")}]
        });
        if fargate {
            td["cpu"] = cpu.into();
            td["memory"] = memory.into();
        }
        let (name, text) = if yaml {
            (format!("task-{i}.yaml"), to_yaml(&td, 0))
        } else {
            (
                format!("task-{i}.json"),
                serde_json::to_string_pretty(&td).unwrap(),
            )
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    root
}

/// Terraform root modules as teams write them: `variables.tf` with defaults and a validated
/// size, `main.tf` with a task definition (`jsonencode` of HCL containers), a service behind
/// a target group, an execution role with an `aws_iam_policy_document` trust policy and a
/// managed policy; every fourth module calls a local child module. About one in five has a
/// size Fargate does not offer.
fn generate_terraform_modules(base: &Path, count: usize) -> PathBuf {
    let root = base.join("terraform-modules");
    for i in 0..count {
        let dir = root.join(format!("stack-{i:04}"));
        std::fs::create_dir_all(&dir).unwrap();
        let (cpu, memory) = match i % 5 {
            0 => (256, 4096),
            1 => (512, 1024),
            2 => (1024, 2048),
            3 => (2048, 8192),
            _ => (4096, 16384),
        };
        std::fs::write(
            dir.join("variables.tf"),
            format!(
                r#"variable "name" {{
  type    = string
  default = "app-{i}"
}}

variable "cpu" {{
  type    = number
  default = {cpu}

  validation {{
    condition     = contains([{cpu}], var.cpu)
    error_message = "Unsupported CPU value."
  }}
}}

variable "memory" {{
  type    = number
  default = {memory}
}}

variable "subnets" {{
  type = list(string)
}}
"#
            ),
        )
        .unwrap();
        let containers: String = (0..2 + i % 2)
            .map(|c| {
                format!(
                    r#"    {{
      name      = "${{var.name}}-{c}"
      image     = "${{data.aws_caller_identity.current.account_id}}.dkr.ecr.eu-west-1.amazonaws.com/app-{i}:{c}.4.1"
      essential = {essential}
      cpu       = 128
      portMappings = [
        {{ containerPort = {port}, protocol = "tcp" }}
      ]
      environment = [
        {{ name = "ENV", value = "production" }},
        {{ name = "PORT", value = "{port}" }},
      ]
      secrets = [
        {{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-{i}-db" }}
      ]
      logConfiguration = {{
        logDriver = "awslogs"
        options = {{
          awslogs-group         = "/ecs/${{var.name}}"
          awslogs-region        = "eu-west-1"
          awslogs-stream-prefix = "c{c}"
        }}
      }}
      healthCheck = {{
        command  = ["CMD-SHELL", "curl -f http://localhost:{port}/health || exit 1"]
        interval = 30
        retries  = 3
      }}
    }},
"#,
                    essential = c == 0,
                    port = 8080 + c
                )
            })
            .collect();
        let child = if i % 4 == 0 {
            r#"
module "worker" {
  source  = "./modules/worker"
  name    = "${var.name}-worker"
  cluster = aws_ecs_cluster.main.id
}
"#
        } else {
            ""
        };
        std::fs::write(
            dir.join("main.tf"),
            format!(
                r#"data "aws_caller_identity" "current" {{}}

data "aws_iam_policy_document" "ecs_tasks" {{
  statement {{
    actions = ["sts:AssumeRole"]
    principals {{
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }}
  }}
}}

resource "aws_iam_role" "execution" {{
  name               = "${{var.name}}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}}

resource "aws_iam_role_policy_attachment" "execution" {{
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}}

resource "aws_iam_role_policy" "secrets" {{
  role = aws_iam_role.execution.id
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-{i}-*"
      }}
    ]
  }})
}}

resource "aws_ecs_cluster" "main" {{
  name = var.name
}}

resource "aws_ecs_task_definition" "app" {{
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  container_definitions = jsonencode([
{containers}  ])
}}

resource "aws_lb_target_group" "app" {{
  name        = var.name
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = "vpc-0123456789abcdef0"

  health_check {{
    path = "/health"
  }}
}}

resource "aws_ecs_service" "app" {{
  name            = var.name
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {{
    subnets         = var.subnets
    security_groups = ["sg-0123456789abcdef0"]
  }}

  load_balancer {{
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "${{var.name}}-0"
    container_port   = 8080
  }}

  deployment_circuit_breaker {{
    enable   = true
    rollback = true
  }}
}}
{child}"#
            ),
        )
        .unwrap();
        if i % 4 == 0 {
            let module = dir.join("modules/worker");
            std::fs::create_dir_all(&module).unwrap();
            std::fs::write(
                module.join("main.tf"),
                r#"variable "name" {
  type = string
}

variable "cluster" {
  type = string
}

resource "aws_ecs_task_definition" "worker" {
  family       = var.name
  network_mode = "bridge"
  container_definitions = jsonencode([
    {
      name         = var.name
      image        = "public.ecr.aws/docker/library/busybox:1.36"
      memory       = 256
      essential    = true
      portMappings = [{ containerPort = 9000, hostPort = 0 }]
    }
  ])
}

resource "aws_ecs_service" "worker" {
  name            = var.name
  cluster         = var.cluster
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = 2
}
"#,
            )
            .unwrap();
        }
    }
    root
}

/// `terraform show -json` plans, one line each: a role, a task definition whose container
/// definitions are a JSON string, and a service, with unknown ARNs linked through the
/// configuration's references. About one in five has a size Fargate does not offer.
fn generate_plans(base: &Path, count: usize) -> PathBuf {
    let root = base.join("terraform-plans");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..count {
        let (cpu, memory) = match i % 5 {
            0 => ("256", "4096"),
            1 => ("512", "1024"),
            2 => ("1024", "2048"),
            3 => ("2048", "8192"),
            _ => ("4096", "16384"),
        };
        let containers: Vec<serde_json::Value> = (0..2 + i % 2)
            .map(|c| {
                serde_json::json!({
                    "name": format!("app-{i}-{c}"),
                    "image": format!("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app-{i}:{c}.4.1"),
                    "essential": c == 0,
                    "cpu": 128,
                    "portMappings": [{"containerPort": 8080 + c, "hostPort": 8080 + c, "protocol": "tcp"}],
                    "environment": [{"name": "ENV", "value": "production"}],
                    "secrets": [{"name": "DB_PASSWORD", "valueFrom": format!("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-{i}-db")}],
                    "logConfiguration": {"logDriver": "awslogs", "options": {
                        "awslogs-group": format!("/ecs/app-{i}"), "awslogs-region": "eu-west-1", "awslogs-stream-prefix": format!("c{c}")}},
                })
            })
            .collect();
        let trust = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
        let role = serde_json::json!({"name": format!("app-{i}-execution"),
            "assume_role_policy": trust.to_string(),
            "managed_policy_arns": ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
            "inline_policy": [{"name": "secrets", "policy": serde_json::json!({"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                "Resource": format!("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-{i}-*")}]}).to_string()}]});
        let task = serde_json::json!({"family": format!("app-{i}"), "cpu": cpu, "memory": memory,
            "network_mode": "awsvpc", "requires_compatibilities": ["FARGATE"],
            "container_definitions": serde_json::Value::Array(containers).to_string()});
        let service = serde_json::json!({"name": format!("app-{i}"), "desired_count": 2,
            "launch_type": "FARGATE", "network_configuration": [{"subnets": ["subnet-1"],
            "security_groups": ["sg-1"], "assign_public_ip": false}]});
        let change = |address: &str,
                      kind: &str,
                      after: &serde_json::Value,
                      unknown: serde_json::Value| {
            serde_json::json!({"address": address, "mode": "managed", "type": kind,
                "name": address.split('.').nth(1), "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": ["create"], "before": null, "after": after, "after_unknown": unknown}})
        };
        let expressions = |address: &str, references: serde_json::Value| serde_json::json!({"address": address, "mode": "managed", "expressions": references});
        let plan = serde_json::json!({
            "format_version": "1.2", "terraform_version": "1.11.4",
            "planned_values": {"root_module": {"resources": [
                {"address": "aws_iam_role.execution", "values": role},
                {"address": "aws_ecs_task_definition.app", "values": task},
                {"address": "aws_ecs_service.app", "values": service}]}},
            "resource_changes": [
                change("aws_iam_role.execution", "aws_iam_role", &role, serde_json::json!({"arn": true, "id": true})),
                change("aws_ecs_task_definition.app", "aws_ecs_task_definition", &task,
                    serde_json::json!({"arn": true, "execution_role_arn": true})),
                change("aws_ecs_service.app", "aws_ecs_service", &service,
                    serde_json::json!({"cluster": true, "task_definition": true}))],
            "configuration": {"root_module": {"resources": [
                expressions("aws_ecs_task_definition.app", serde_json::json!({"execution_role_arn":
                    {"references": ["aws_iam_role.execution.arn", "aws_iam_role.execution"]}})),
                expressions("aws_ecs_service.app", serde_json::json!({"task_definition":
                    {"references": ["aws_ecs_task_definition.app.arn", "aws_ecs_task_definition.app"]}}))]}}
        });
        std::fs::write(
            root.join(format!("plan-{i:04}.json")),
            plan.to_string() + "\n",
        )
        .unwrap();
    }
    root
}

/// `describe-services` output with thousands of services: large, recognised, fully checked.
fn generate_large(base: &Path, count: usize) -> PathBuf {
    let root = base.join("large");
    std::fs::create_dir_all(&root).unwrap();
    for f in 0..count {
        let services: Vec<serde_json::Value> = (0..4_000)
            .map(|i| {
                serde_json::json!({
                    "serviceArn": format!("arn:aws:ecs:eu-west-1:123456789012:service/prod/svc-{f}-{i}"),
                    "serviceName": format!("svc-{f}-{i}"),
                    "clusterArn": "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
                    "loadBalancers": [{"targetGroupArn": format!("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/svc-{i}/0123456789abcdef"),
                        "containerName": "app", "containerPort": 8080}],
                    "status": "ACTIVE", "desiredCount": 3, "runningCount": 3, "pendingCount": 0,
                    "launchType": "FARGATE", "platformVersion": "LATEST",
                    "taskDefinition": format!("arn:aws:ecs:eu-west-1:123456789012:task-definition/svc-{i}:42"),
                    "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}, "maximumPercent": 200, "minimumHealthyPercent": 100},
                    "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
                        "securityGroups": ["sg-0123456789abcdef0"], "assignPublicIp": "DISABLED"}},
                    "schedulingStrategy": "REPLICA", "enableExecuteCommand": false
                })
            })
            .collect();
        let doc = serde_json::json!({"services": services, "failures": []});
        std::fs::write(
            root.join(format!("services-{f}.json")),
            serde_json::to_string_pretty(&doc).unwrap(),
        )
        .unwrap();
    }
    root
}

/// Realistic ECS templates: parameters with allowed values (so several scenarios are
/// checked), a size mapping, conditions with `Fn::If` and `AWS::NoValue`, `Fn::Sub` images,
/// roles, a target group, a task definition and a service linked by `Ref`/`Fn::GetAtt`;
/// about one in four has a finding.
fn generate_templates(base: &Path, count: usize, yaml: bool) -> PathBuf {
    use serde_json::json;
    let root = base.join(if yaml { "cfn-yaml" } else { "cfn-json" });
    for i in 0..count {
        let dir = root.join(format!("stack-{:03}", i / 50));
        std::fs::create_dir_all(&dir).unwrap();
        let fargate = i % 4 != 0;
        let memory_for_large = if i % 4 == 1 { 2048 } else { 8192 };
        let role = |service: &str, policy: &str| {
            json!({"Type": "AWS::IAM::Role", "Properties": {
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]},
                "ManagedPolicyArns": [{"Fn::Sub": format!("arn:${{AWS::Partition}}:iam::aws:policy/{policy}")}]}})
        };
        let mut execution_role = role(
            "ecs-tasks.amazonaws.com",
            "service-role/AmazonECSTaskExecutionRolePolicy",
        );
        execution_role["Properties"]["Policies"] = json!([{"PolicyName": "secrets", "PolicyDocument": {
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                "Resource": {"Fn::Sub": format!("arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:app-{i}-*")}}]}}]);
        let template = json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": format!("Service app-{i}"),
            "Parameters": {
                "Environment": {"Type": "String", "Default": "staging", "AllowedValues": ["staging", "production"]},
                "Size": {"Type": "String", "Default": "small", "AllowedValues": ["small", "medium", "large"]},
                "ImageTag": {"Type": "String", "Default": "1.4.2"},
                "VpcId": {"Type": "AWS::EC2::VPC::Id"},
                "ListenerArn": {"Type": "String"},
                "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"},
                "InstanceType": {"Type": "String", "Default": "m6i.large",
                    "AllowedValues": ["t3.medium", "t3.large", "m6i.large", "m6i.xlarge", "c6i.large", "r6i.large"]}
            },
            "Mappings": {"Sizes": {
                "small": {"Cpu": 256, "Memory": 512, "Count": 1},
                "medium": {"Cpu": 512, "Memory": 1024, "Count": 2},
                "large": {"Cpu": 2048, "Memory": memory_for_large, "Count": 4}
            }},
            "Conditions": {
                "IsProduction": {"Fn::Equals": [{"Ref": "Environment"}, "production"]},
                "IsStaging": {"Fn::Not": [{"Condition": "IsProduction"}]}
            },
            "Resources": {
                "LogGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {
                    "LogGroupName": {"Fn::Sub": format!("/ecs/${{Environment}}/app-{i}")},
                    "RetentionInDays": {"Fn::If": ["IsProduction", 365, 14]}}},
                "ExecutionRole": execution_role,
                "TaskRole": role("ecs-tasks.amazonaws.com", "AmazonS3ReadOnlyAccess"),
                "TargetGroup": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {
                    "TargetType": if fargate { "ip" } else { "instance" }, "Port": 8080, "Protocol": "HTTP",
                    "VpcId": {"Ref": "VpcId"}, "HealthCheckPath": "/health"}},
                "TaskDefinition": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
                    "Family": {"Fn::Sub": format!("${{Environment}}-app-{i}")},
                    "RequiresCompatibilities": [if fargate { "FARGATE" } else { "EC2" }],
                    "NetworkMode": if fargate { "awsvpc" } else { "bridge" },
                    "Cpu": {"Fn::FindInMap": ["Sizes", {"Ref": "Size"}, "Cpu"]},
                    "Memory": {"Fn::FindInMap": ["Sizes", {"Ref": "Size"}, "Memory"]},
                    "ExecutionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                    "TaskRoleArn": {"Fn::GetAtt": ["TaskRole", "Arn"]},
                    "ContainerDefinitions": [{
                        "Name": "app",
                        "Image": {"Fn::Sub": format!("${{AWS::AccountId}}.dkr.ecr.${{AWS::Region}}.amazonaws.com/app-{i}:${{ImageTag}}")},
                        "Essential": true,
                        "PortMappings": [{"ContainerPort": 8080, "HostPort": if fargate { 8080 } else { 0 }}],
                        "Environment": [
                            {"Name": "ENVIRONMENT", "Value": {"Ref": "Environment"}},
                            {"Fn::If": ["IsProduction", {"Name": "LOG_LEVEL", "Value": "warn"}, {"Ref": "AWS::NoValue"}]}],
                        "Secrets": [{"Name": "DB_PASSWORD", "ValueFrom": {"Fn::Sub": format!("arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:app-{i}-db")}}],
                        "LogConfiguration": {"LogDriver": "awslogs", "Options": {
                            "awslogs-group": {"Ref": "LogGroup"}, "awslogs-region": {"Ref": "AWS::Region"},
                            "awslogs-stream-prefix": "app"}},
                        "HealthCheck": {"Command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "Interval": 30}
                    }, {
                        "Name": "sidecar",
                        "Image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
                        "Essential": {"Fn::If": ["IsStaging", false, true]},
                        "LogConfiguration": {"LogDriver": "awslogs", "Options": {
                            "awslogs-group": {"Ref": "LogGroup"}, "awslogs-region": {"Ref": "AWS::Region"},
                            "awslogs-stream-prefix": "sidecar"}}
                    }]}},
                "ListenerRule": {"Type": "AWS::ElasticLoadBalancingV2::ListenerRule", "Properties": {
                    "ListenerArn": {"Ref": "ListenerArn"}, "Priority": i + 1,
                    "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": [format!("/app-{i}/*")]}}],
                    "Actions": [{"Type": "forward", "TargetGroupArn": {"Ref": "TargetGroup"}}]}},
                "Service": {"Type": "AWS::ECS::Service", "DependsOn": "ListenerRule", "Properties": {
                    "ServiceName": format!("app-{i}"),
                    "LaunchType": if fargate { "FARGATE" } else { "EC2" },
                    "TaskDefinition": {"Ref": "TaskDefinition"},
                    "DesiredCount": {"Fn::FindInMap": ["Sizes", {"Ref": "Size"}, "Count"]},
                    "DeploymentConfiguration": {"MaximumPercent": 200, "MinimumHealthyPercent": 100,
                        "DeploymentCircuitBreaker": {"Enable": true, "Rollback": true}},
                    "NetworkConfiguration": if fargate {
                        json!({"AwsvpcConfiguration": {"Subnets": {"Ref": "Subnets"}, "AssignPublicIp": "DISABLED"}})
                    } else {
                        json!({"Ref": "AWS::NoValue"})
                    },
                    "LoadBalancers": [{"TargetGroupArn": {"Ref": "TargetGroup"}, "ContainerName": "app", "ContainerPort": 8080}]}}
            }
        });
        let (name, text) = if yaml {
            (format!("app-{i}.yaml"), to_yaml(&template, 0))
        } else {
            (
                format!("app-{i}.json"),
                serde_json::to_string_pretty(&template).unwrap(),
            )
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    root
}

/// Identity policies as developers write them: several statements with wildcards, resource
/// ARNs, conditions and the odd `Deny`; one in ten has a finding.
fn generate_policies(base: &Path, count: usize) -> PathBuf {
    use serde_json::json;
    let root = base.join("iam");
    let grants: [(&str, &[&str]); 9] = [
        ("s3", &["s3:GetObject*", "s3:ListBucket", "s3:PutObject"]),
        (
            "dynamodb",
            &["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Describe*"],
        ),
        (
            "sqs",
            &["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:Get*"],
        ),
        ("sns", &["sns:Publish", "sns:List*"]),
        (
            "logs",
            &[
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:Describe*",
            ],
        ),
        ("ssm", &["ssm:GetParameter*", "ssm:Describe*"]),
        (
            "secretsmanager",
            &["secretsmanager:GetSecretValue", "secretsmanager:Describe*"],
        ),
        ("kms", &["kms:Decrypt", "kms:GenerateDataKey*"]),
        (
            "ecr",
            &[
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
                "ecr:List*",
            ],
        ),
    ];
    for i in 0..count {
        let dir = root.join(format!("team-{:03}", i / 100));
        std::fs::create_dir_all(&dir).unwrap();
        let mut statements: Vec<serde_json::Value> = (0..3 + i % 6)
            .map(|k| {
                let (service, actions) = grants[(i + k) % grants.len()];
                json!({
                    "Sid": format!("Statement{k}"),
                    "Effect": "Allow",
                    "Action": actions,
                    "Resource": [format!("arn:aws:{service}:eu-west-1:123456789012:app-{i}/*"), format!("arn:aws:{service}:eu-west-1:123456789012:shared-{k}")],
                    "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}, "Bool": {"aws:SecureTransport": "true"}}
                })
            })
            .collect();
        statements.push(json!({"Effect": "Deny", "NotAction": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::audit-logs/*"}));
        if i % 10 == 0 {
            statements.push(json!({"Effect": "Allow", "Action": ["iam:PassRole", "ecs:RunTask", "ecs:RegisterTaskDefinition"], "Resource": "*"}));
        }
        let policy = json!({"Version": "2012-10-17", "Statement": statements});
        std::fs::write(
            dir.join(format!("policy-{i}.json")),
            serde_json::to_string_pretty(&policy).unwrap(),
        )
        .unwrap();
    }
    root
}

/// EC2-backed ECS stacks whose roles carry several inline policies (one as a JSON string),
/// managed policies, and a capacity-provider chain to the instance role: every ECS role rule
/// and the evaluator run on each. One in four instance roles grants more than the agent needs.
fn generate_iam_templates(base: &Path, count: usize) -> PathBuf {
    use serde_json::json;
    let root = base.join("cfn-iam");
    for i in 0..count {
        let dir = root.join(format!("stack-{:03}", i / 50));
        std::fs::create_dir_all(&dir).unwrap();
        let statement = |actions: serde_json::Value, resource: serde_json::Value| json!({"Effect": "Allow", "Action": actions, "Resource": resource});
        let trust = |service: &str| {
            json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})
        };
        let managed = |path: &str| json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:iam::aws:policy/{path}")});
        let mut instance_policies = vec![
            json!({"PolicyName": "drain", "PolicyDocument": {"Version": "2012-10-17",
            "Statement": [statement(json!(["ecs:DeregisterContainerInstance", "ecs:Submit*"]), json!("*"))]}}),
        ];
        if i % 4 == 0 {
            instance_policies.push(
                json!({"PolicyName": "app", "PolicyDocument": {"Version": "2012-10-17",
                "Statement": [statement(json!(["s3:GetObject", "sqs:*"]), json!("*"))]}}),
            );
        }
        let string_policy = serde_json::to_string(&json!({"Version": "2012-10-17", "Statement": [
            statement(json!(["sqs:SendMessage", "sqs:GetQueueUrl"]), json!(format!("arn:aws:sqs:eu-west-1:123456789012:jobs-{i}")))]}))
            .unwrap();
        let template = json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Parameters": {
                "Ami": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                    "Default": "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"},
                "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}
            },
            "Resources": {
                "Cluster": {"Type": "AWS::ECS::Cluster"},
                "InstanceRole": {"Type": "AWS::IAM::Role", "Properties": {
                    "AssumeRolePolicyDocument": trust("ec2.amazonaws.com"),
                    "ManagedPolicyArns": [managed("service-role/AmazonEC2ContainerServiceforEC2Role"), managed("AmazonSSMManagedInstanceCore")],
                    "Policies": instance_policies}},
                "InstanceProfile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [{"Ref": "InstanceRole"}]}},
                "LaunchTemplate": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {
                    "ImageId": {"Ref": "Ami"}, "InstanceType": "m6i.large",
                    "IamInstanceProfile": {"Arn": {"Fn::GetAtt": ["InstanceProfile", "Arn"]}},
                    "UserData": {"Fn::Base64": {"Fn::Sub": "#!/bin/bash\necho ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config\n"}}}}},
                "AutoScalingGroup": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {
                    "MinSize": "1", "MaxSize": "10", "VPCZoneIdentifier": {"Ref": "Subnets"},
                    "LaunchTemplate": {"LaunchTemplateId": {"Ref": "LaunchTemplate"},
                        "Version": {"Fn::GetAtt": ["LaunchTemplate", "LatestVersionNumber"]}}}},
                "CapacityProvider": {"Type": "AWS::ECS::CapacityProvider", "Properties": {
                    "AutoScalingGroupProvider": {"AutoScalingGroupArn": {"Ref": "AutoScalingGroup"}}}},
                "Associations": {"Type": "AWS::ECS::ClusterCapacityProviderAssociations", "Properties": {
                    "Cluster": {"Ref": "Cluster"}, "CapacityProviders": [{"Ref": "CapacityProvider"}],
                    "DefaultCapacityProviderStrategy": [{"CapacityProvider": {"Ref": "CapacityProvider"}, "Weight": 1}]}},
                "Secret": {"Type": "AWS::SecretsManager::Secret"},
                "ExecutionRole": {"Type": "AWS::IAM::Role", "Properties": {
                    "AssumeRolePolicyDocument": trust("ecs-tasks.amazonaws.com"),
                    "ManagedPolicyArns": [managed("service-role/AmazonECSTaskExecutionRolePolicy")],
                    "Policies": [{"PolicyName": "secrets", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                        statement(json!("secretsmanager:GetSecretValue"), json!({"Ref": "Secret"})),
                        statement(json!("ssm:GetParameters"), json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter/app-{i}/*")}))]}}]}},
                "TaskRole": {"Type": "AWS::IAM::Role", "Properties": {
                    "AssumeRolePolicyDocument": trust("ecs-tasks.amazonaws.com"),
                    "Policies": [{"PolicyName": "queue", "PolicyDocument": string_policy}]}},
                "TaskDefinition": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
                    "Family": format!("app-{i}"),
                    "RequiresCompatibilities": ["EC2", "FARGATE"], "NetworkMode": "awsvpc", "Cpu": "512", "Memory": "1024",
                    "ExecutionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                    "TaskRoleArn": {"Fn::GetAtt": ["TaskRole", "Arn"]},
                    "ContainerDefinitions": [{
                        "Name": "app",
                        "Image": {"Fn::Sub": format!("${{AWS::AccountId}}.dkr.ecr.${{AWS::Region}}.amazonaws.com/app-{i}:1")},
                        "Secrets": [{"Name": "DB", "ValueFrom": {"Ref": "Secret"}}, {"Name": "KEY", "ValueFrom": format!("/app-{i}/key")}],
                        "LogConfiguration": {"LogDriver": "awslogs", "Options": {
                            "awslogs-group": format!("/ecs/app-{i}"), "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app"}}}]}}
            }
        });
        std::fs::write(dir.join(format!("app-{i}.yaml")), to_yaml(&template, 0)).unwrap();
    }
    root
}

/// CloudFormation's short form for a one-argument intrinsic function, as people write it in
/// YAML (`!Ref Vpc`, `!GetAtt Role.Arn`, `!Sub "..."`).
fn short_form(value: &serde_json::Value) -> Option<String> {
    let map = value.as_object().filter(|m| m.len() == 1)?;
    let (key, arg) = map.iter().next()?;
    match (key.as_str(), arg) {
        ("Ref", serde_json::Value::String(name)) => Some(format!("!Ref {name}")),
        ("Fn::Sub", serde_json::Value::String(text)) => {
            Some(format!("!Sub {arg}")).filter(|_| !text.is_empty())
        }
        ("Fn::GetAtt", serde_json::Value::Array(parts)) => {
            let parts: Vec<&str> = parts.iter().filter_map(|p| p.as_str()).collect();
            Some(format!("!GetAtt {}", parts.join(".")))
        }
        _ => None,
    }
}

/// Block-style YAML for the generated documents (enough of YAML for them).
fn to_yaml(value: &serde_json::Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if let Some(short) = short_form(v) {
                    out.push_str(&format!("{pad}{k}: {short}\n"));
                    continue;
                }
                match v {
                    serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                        out.push_str(&format!("{pad}{k}:\n{}", to_yaml(v, indent + 2)))
                    }
                    scalar => out.push_str(&format!("{pad}{k}: {}\n", scalar)),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                let inner = to_yaml(item, indent + 2);
                match item {
                    serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                        out.push_str(&format!("{pad}- {}", inner.trim_start()))
                    }
                    scalar => out.push_str(&format!("{pad}- {}\n", scalar)),
                }
            }
        }
        scalar => out.push_str(&format!("{pad}{scalar}\n")),
    }
    out
}
