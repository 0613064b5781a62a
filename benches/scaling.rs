//! How cost grows with the input: each hostile shape is linted at a size and at eight times
//! that size, and the ratio of the times is printed. Linear cost gives a ratio near 8; a
//! quadratic step gives 64. Shapes are those that once cost more than linear time (a policy
//! with thousands of statements, containers sharing one host port, a template with
//! thousands of services, a one-line file with findings far along it, many wildcard
//! actions).
//!
//! Run with `cargo bench --bench scaling`. A shape whose ratio passes 16 is flagged.

use std::time::{Duration, Instant};

use ecslint::lint::{FileReport, RuleFilter, lint_bytes};
use ecslint::report::{Format, Options, render};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Above this ratio for 8× the input, a shape is not linear (n log n gives about 9–10).
const SUSPECT_RATIO: f64 = 16.0;

struct Shape {
    name: &'static str,
    /// The size at which the smaller input is built.
    base: usize,
    /// The file name (which chooses the syntax) and its bytes, for size `n`.
    build: fn(usize) -> (&'static str, String),
    /// Whether the human format is rendered too (its snippets cost per finding).
    human: bool,
}

fn main() {
    let shapes = [
        Shape {
            name: "policy statements (IAM-003, IAM-009)",
            base: 2_000,
            build: policy,
            human: false,
        },
        Shape {
            name: "containers sharing one host port",
            base: 500,
            build: shared_host_port,
            human: false,
        },
        Shape {
            name: "template services and task definitions",
            base: 500,
            build: services,
            human: false,
        },
        Shape {
            name: "clusters and their provider associations",
            base: 2_000,
            build: associations,
            human: false,
        },
        Shape {
            name: "one-line JSON, findings along it (human)",
            base: 500,
            build: one_line,
            human: true,
        },
        Shape {
            name: "wildcard actions and resources",
            base: 2_000,
            build: wildcards,
            human: false,
        },
        Shape {
            name: "conditions in a chain",
            base: 1_000,
            build: condition_chain,
            human: false,
        },
    ];
    println!(
        "{:<44} {:>8} {:>10} {:>10} {:>7}",
        "shape", "n", "time(n)", "time(8n)", "ratio"
    );
    let mut suspect = Vec::new();
    for shape in &shapes {
        let small = time(shape, shape.base);
        let large = time(shape, shape.base * 8);
        let ratio = large.as_secs_f64() / small.as_secs_f64();
        println!(
            "{:<44} {:>8} {:>9.1}ms {:>9.1}ms {:>7.1}{}",
            shape.name,
            shape.base,
            small.as_secs_f64() * 1e3,
            large.as_secs_f64() * 1e3,
            ratio,
            if ratio > SUSPECT_RATIO {
                "  <- not linear"
            } else {
                ""
            }
        );
        if ratio > SUSPECT_RATIO {
            suspect.push(shape.name);
        }
    }
    if !suspect.is_empty() {
        println!("\nNot linear: {}", suspect.join(", "));
    }
}

/// The best of three runs of the whole pipeline on the shape at size `n`.
fn time(shape: &Shape, n: usize) -> Duration {
    let (name, text) = (shape.build)(n);
    let filter = RuleFilter::all();
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let report = lint_bytes(name.to_string(), text.as_bytes(), &filter);
            assert!(report.io_error.is_none());
            if shape.human {
                std::hint::black_box(human(report));
            }
            start.elapsed()
        })
        .min()
        .expect("three runs")
}

fn human(report: FileReport) -> usize {
    render(
        &[report],
        &Options {
            format: Format::Human,
            color: false,
            root: ".".into(),
            files_checked: 1,
        },
    )
    .len()
}

/// One policy of `n` statements, each with its own Sid, a wildcard action and
/// `iam:PassRole` on `*` every tenth statement.
fn policy(n: usize) -> (&'static str, String) {
    let statements = comma_separated(n, |i| {
        let action = if i % 10 == 0 {
            "iam:PassRole"
        } else {
            "s3:Get*"
        };
        format!(r#"{{"Sid": "S{i}", "Effect": "Allow", "Action": "{action}", "Resource": "*"}}"#)
    });
    ("policy.json", policy_of(&statements))
}

/// A bridge-mode task definition of `n` containers, all mapping host port 8080.
fn shared_host_port(n: usize) -> (&'static str, String) {
    let containers = comma_separated(n, |i| {
        format!(
            r#"{{"name": "c{i}", "image": "nginx:1.27", "memory": 128, "essential": true,
               "portMappings": [{{"containerPort": 80, "hostPort": 8080}}]}}"#
        )
    });
    let text = format!(
        r#"{{"family": "shared", "networkMode": "bridge", "containerDefinitions": [{containers}]}}"#
    );
    ("task.json", text)
}

/// A template with `n` Fargate services, each with its task definition and role.
fn services(n: usize) -> (&'static str, String) {
    template(comma_separated(n, |i| {
        format!(
            r#""Role{i}": {{"Type": "AWS::IAM::Role", "Properties": {{
                "AssumeRolePolicyDocument": {{"Version": "2012-10-17", "Statement": [{{
                  "Effect": "Allow", "Principal": {{"Service": "ecs-tasks.amazonaws.com"}},
                  "Action": "sts:AssumeRole"}}]}},
                "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]}}}},
              "Task{i}": {{"Type": "AWS::ECS::TaskDefinition", "Properties": {{
                "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc",
                "Cpu": "256", "Memory": "512", "ExecutionRoleArn": {{"Fn::GetAtt": ["Role{i}", "Arn"]}},
                "ContainerDefinitions": [{{"Name": "app", "Image": "nginx:1.27", "Essential": true,
                  "PortMappings": [{{"ContainerPort": 80}}]}}]}}}},
              "Service{i}": {{"Type": "AWS::ECS::Service", "Properties": {{
                "LaunchType": "FARGATE", "TaskDefinition": {{"Ref": "Task{i}"}}, "DesiredCount": 2,
                "NetworkConfiguration": {{"AwsvpcConfiguration": {{"Subnets": ["subnet-1"]}}}}}}}}"#
        )
    }))
}

/// A template of `n` clusters, each with its capacity providers set by an association of its
/// own, merged into the cluster it names.
fn associations(n: usize) -> (&'static str, String) {
    template(comma_separated(n, |i| {
        format!(
            r#""Cluster{i}": {{"Type": "AWS::ECS::Cluster"}},
              "Providers{i}": {{"Type": "AWS::ECS::ClusterCapacityProviderAssociations", "Properties": {{
                "Cluster": {{"Ref": "Cluster{i}"}}, "CapacityProviders": ["FARGATE"],
                "DefaultCapacityProviderStrategy": [{{"CapacityProvider": "FARGATE", "Weight": 1}}]}}}}"#
        )
    }))
}

/// `n` task definitions' worth of containers on one line (a minified file), each with a
/// finding (a fixed host port in bridge mode), so findings sit ever further along the line.
fn one_line(n: usize) -> (&'static str, String) {
    let containers = comma_separated(n, |i| {
        format!(
            r#"{{"name":"c{i}","image":"nginx:1.27","memory":128,"essential":true,"portMappings":[{{"containerPort":80,"hostPort":{}}}]}}"#,
            8000 + i
        )
    });
    let text = format!(
        r#"{{"family":"minified","networkMode":"bridge","containerDefinitions":[{containers}]}}"#
    );
    ("task.json", text)
}

/// A policy whose statements carry many wildcard actions and long wildcard resources.
fn wildcards(n: usize) -> (&'static str, String) {
    let statements = comma_separated(n, |i| {
        format!(
            r#"{{"Effect": "Allow", "Action": ["ec2:*Instance*", "s3:*Object*", "ecs:*"],
                "Resource": "arn:aws:s3:::bucket-{i}/*/*/*/*/*/*/*/*"}}"#
        )
    });
    ("policy.json", policy_of(&statements))
}

/// A template whose conditions form a chain `n` long, each `Condition` of the one before.
fn condition_chain(n: usize) -> (&'static str, String) {
    let chain = comma_separated(n, |i| match i {
        0 => r#""C0": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}"#.to_string(),
        _ => format!(r#""C{i}": {{"Condition": "C{}"}}"#, i - 1),
    });
    let text = format!(
        r#"{{"Parameters": {{"Env": {{"Type": "String", "Default": "prod", "AllowedValues": ["prod", "dev"]}}}},
           "Conditions": {{{chain}}},
           "Resources": {{"Task": {{"Type": "AWS::ECS::TaskDefinition", "Condition": "C{}",
            "Properties": {{"ContainerDefinitions": [{{"Name": "app", "Image": "nginx:1.27", "Memory": 128}}]}}}}}}}}"#,
        n - 1
    );
    ("template.json", text)
}

/// The `n` items `item` writes, separated by commas.
fn comma_separated(n: usize, item: impl Fn(usize) -> String) -> String {
    (0..n).map(item).collect::<Vec<_>>().join(",")
}

/// A template of these resources (`"Id": {...}` pairs).
fn template(resources: String) -> (&'static str, String) {
    let text =
        format!(r#"{{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {{{resources}}}}}"#);
    ("template.json", text)
}

/// A policy of these statements.
fn policy_of(statements: &str) -> String {
    format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#)
}
