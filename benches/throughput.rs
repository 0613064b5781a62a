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
    let corpora = [
        (
            "task definitions, JSON",
            generate_task_definitions(dir.path(), 5_000, false),
        ),
        (
            "task definitions, YAML",
            generate_task_definitions(dir.path(), 1_000, true),
        ),
        (
            "large JSON (describe-services, ~4 MB each)",
            generate_large(dir.path(), 4),
        ),
    ];
    let binary = binary();
    println!(
        "{:<44} {:>6} {:>7} {:>9} {:>9} {:>7} {:>15} {:>12}",
        "corpus", "files", "MB", "time", "files/s", "MB/s", "binary files/s", "binary MB/s"
    );
    for (name, root) in &corpora {
        let bytes: u64 = discover(std::slice::from_ref(root))
            .files
            .iter()
            .map(|f| f.metadata().unwrap().len())
            .sum();
        let (files, library) = median(|| run_library(root));
        let binary_time = binary.as_ref().map(|b| median(|| run_binary(b, root)).1);
        let mb = bytes as f64 / 1e6;
        let per_second = |amount: f64, time: Option<Duration>| {
            time.map_or("-".into(), |t| format!("{:.0}", amount / t.as_secs_f64()))
        };
        println!(
            "{:<44} {:>6} {:>7.1} {:>7.1}ms {:>9.0} {:>7.0} {:>15} {:>12}",
            name,
            files,
            mb,
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

/// The whole pipeline in-process, rendering SARIF as CI would.
fn run_library(root: &Path) -> usize {
    let found = discover(&[root.to_path_buf()]);
    let inputs: Vec<Input> = found.files.into_iter().map(Input::File).collect();
    let reports = check(&inputs, &RuleFilter::all());
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
    inputs.len()
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

/// Block-style YAML for the generated documents (enough of YAML for them).
fn to_yaml(value: &serde_json::Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
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
