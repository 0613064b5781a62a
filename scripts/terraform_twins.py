#!/usr/bin/env python3
"""Writes the Terraform twins of the CloudFormation rule fixtures.

For each `testdata/rules/<RULE>/{fail,pass}/cfn-<name>.json` this writes
`tf-<name>/main.tf` (an HCL module: resources with the AWS provider's argument names,
`jsonencode` for container definitions and policies, variables with defaults for
parameters, references for `Ref` and `Fn::GetAtt`) and `tfplan-<name>.json` (what
`terraform show -json` prints for that module on a fresh account: one line, attributes only
known after apply left out of `after` and marked in `after_unknown`, `configuration`
expressions with their `references`, container definitions and policies as JSON strings).

No AWS provider can run offline, so the plans are written here the way Terraform 1.11 writes
them (research/terraform.md §1.1 and §1.2); `tests/form_parity.rs` then checks that each
twin reports the same rules as its template.

Templates that use conditions or mappings (`Fn::If`, `Fn::FindInMap`) have no twin: their
scenarios are CloudFormation's. Nor do templates whose `Metadata` has `NoTerraformTwin`,
which says why Terraform behaves otherwise; `NoPlanTwin` keeps the module and says why a
plan cannot show the fault. Run from the repository root:

    python3 scripts/terraform_twins.py
"""

import hashlib
import json
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULES = ROOT / "testdata" / "rules"
UNKNOWN = object()

# CloudFormation type -> Terraform type, and what `Ref` returns as a Terraform attribute.
TYPES = {
    "AWS::ECS::TaskDefinition": ("aws_ecs_task_definition", "arn"),
    "AWS::ECS::Service": ("aws_ecs_service", "id"),
    "AWS::ECS::Cluster": ("aws_ecs_cluster", "name"),
    "AWS::ECS::ClusterCapacityProviderAssociations": ("aws_ecs_cluster_capacity_providers", "id"),
    "AWS::ECS::CapacityProvider": ("aws_ecs_capacity_provider", "name"),
    "AWS::AutoScaling::AutoScalingGroup": ("aws_autoscaling_group", "name"),
    "AWS::AutoScaling::LaunchConfiguration": ("aws_launch_configuration", "name"),
    "AWS::EC2::LaunchTemplate": ("aws_launch_template", "id"),
    "AWS::ElasticLoadBalancing::LoadBalancer": ("aws_elb", "name"),
    "AWS::ElasticLoadBalancingV2::TargetGroup": ("aws_lb_target_group", "arn"),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": ("aws_lb", "arn"),
    "AWS::ElasticLoadBalancingV2::Listener": ("aws_lb_listener", "arn"),
    "AWS::ElasticLoadBalancingV2::ListenerRule": ("aws_lb_listener_rule", "arn"),
    "AWS::IAM::Role": ("aws_iam_role", "name"),
    "AWS::IAM::Policy": ("aws_iam_policy", "arn"),
    "AWS::IAM::ManagedPolicy": ("aws_iam_policy", "arn"),
    "AWS::IAM::InstanceProfile": ("aws_iam_instance_profile", "name"),
    "AWS::ECR::Repository": ("aws_ecr_repository", "name"),
    "AWS::EFS::FileSystem": ("aws_efs_file_system", "id"),
    "AWS::Logs::LogGroup": ("aws_cloudwatch_log_group", "name"),
    "AWS::SQS::Queue": ("aws_sqs_queue", "url"),
    "AWS::SecretsManager::Secret": ("aws_secretsmanager_secret", "arn"),
    "AWS::ApplicationAutoScaling::ScalableTarget": ("aws_appautoscaling_target", "resource_id"),
    "AWS::ApplicationAutoScaling::ScalingPolicy": ("aws_appautoscaling_policy", "arn"),
    "AWS::EKS::FargateProfile": ("aws_eks_fargate_profile", "arn"),
    "AWS::AppRunner::Service": ("aws_apprunner_service", "arn"),
    "AWS::EC2::VPC": ("aws_vpc", "id"),
    "AWS::EC2::InternetGateway": ("aws_internet_gateway", "id"),
    "AWS::EC2::VPCGatewayAttachment": ("aws_internet_gateway_attachment", "id"),
    "AWS::EC2::VPNGateway": ("aws_vpn_gateway", "id"),
    "AWS::EC2::Subnet": ("aws_subnet", "id"),
    "AWS::EC2::RouteTable": ("aws_route_table", "id"),
    "AWS::EC2::Route": ("aws_route", "id"),
    "AWS::EC2::SubnetRouteTableAssociation": ("aws_route_table_association", "id"),
    "AWS::EC2::EIP": ("aws_eip", "public_ip"),
    "AWS::EC2::NatGateway": ("aws_nat_gateway", "id"),
    "AWS::EC2::VPCEndpoint": ("aws_vpc_endpoint", "id"),
}

# The id prefix of each EC2 type the plans take as existing.
EC2_IDS = {
    "aws_vpc": "vpc", "aws_subnet": "subnet", "aws_eip": "eipalloc", "aws_nat_gateway": "nat",
    "aws_vpn_gateway": "vgw", "aws_internet_gateway_attachment": "igw",
}

# Types whose properties are the provider's arguments in snake_case, one for one.
SNAKE_ARGUMENTS = {
    "AWS::EC2::VPC", "AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::Subnet",
    "AWS::EC2::RouteTable", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::EIP",
    "AWS::EC2::NatGateway", "AWS::EC2::VPCEndpoint",
}

# The name property of each type, and the name the twin gives when the template sets none
# (`None`: Terraform generates one, unknown until apply). A name set literally is known at
# plan time; ARNs and ids of new resources are not.
NAMES = {
    "AWS::ECS::Cluster": ("ClusterName", lambda i: snake(i)),
    "AWS::ECS::Service": ("ServiceName", lambda i: snake(i)),
    "AWS::ECS::CapacityProvider": ("Name", lambda i: snake(i)),
    "AWS::ElasticLoadBalancing::LoadBalancer": ("LoadBalancerName", lambda i: snake(i)),
    "AWS::IAM::Role": ("RoleName", None),
    "AWS::IAM::InstanceProfile": ("InstanceProfileName", None),
    "AWS::AutoScaling::AutoScalingGroup": ("AutoScalingGroupName", None),
    "AWS::ECR::Repository": ("RepositoryName", lambda i: snake(i)),
    "AWS::Logs::LogGroup": ("LogGroupName", lambda i: "/" + snake(i)),
    "AWS::SecretsManager::Secret": ("Name", lambda i: snake(i)),
    "AWS::SQS::Queue": ("QueueName", lambda i: snake(i)),
}

# Terraform types ecslint models (the others are assumed to exist in the plans).
MODELLED = {
    "aws_ecs_task_definition", "aws_ecs_service", "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers",
    "aws_ecs_capacity_provider", "aws_autoscaling_group", "aws_launch_configuration", "aws_launch_template",
    "aws_elb", "aws_lb_target_group", "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy_attachment",
    "aws_iam_instance_profile", "aws_ecr_repository", "aws_lb", "aws_lb_listener", "aws_lb_listener_rule",
    "aws_ecr_lifecycle_policy", "aws_efs_file_system", "aws_efs_file_system_policy",
    "aws_ecr_repository_policy", "aws_appautoscaling_target", "aws_appautoscaling_policy",
    "aws_eks_fargate_profile", "aws_apprunner_service", "aws_internet_gateway", "aws_route",
    "aws_route_table", "aws_route_table_association", "aws_vpc_endpoint",
}

# Arguments written as nested blocks (everything else is an argument).
BLOCKS = {
    "runtime_platform", "volume", "placement_constraints", "inference_accelerator",
    "load_balancer", "network_configuration", "capacity_provider_strategy",
    "deployment_controller", "deployment_circuit_breaker", "ordered_placement_strategy",
    "default_capacity_provider_strategy", "auto_scaling_group_provider", "managed_scaling",
    "listener", "health_check", "inline_policy", "iam_instance_profile", "launch_template",
    "mixed_instances_policy", "launch_template_specification", "docker_volume_configuration",
    "efs_volume_configuration", "authorization_config", "deployment_configuration",
    "service_registries", "alarms", "ephemeral_storage", "proxy_configuration",
    "service_connect_configuration", "service", "default_action", "action", "forward", "target_group",
    "condition", "path_pattern", "fixed_response", "configuration", "execute_command_configuration",
    "setting", "image_scanning_configuration", "encryption_configuration", "metadata_options",
    "target_tracking_scaling_policy_configuration", "predefined_metric_specification", "override",
    "selector", "source_configuration", "image_repository", "instance_configuration",
}

# Attributes the provider names differently from the snake_case of CloudFormation's.
ATTRIBUTES = {
    "LoadBalancerFullName": "arn_suffix",
    "TargetGroupFullName": "arn_suffix",
    "RepositoryUri": "repository_url",
}

# Maps whose keys are data, not property names.
MAPS = {"Options", "DockerLabels", "DriverOpts", "Labels", "Tags"}

PSEUDO = {
    "AWS::Region": ("data.aws_region.current.name", "eu-west-1"),
    "AWS::AccountId": ("data.aws_caller_identity.current.account_id", "123456789012"),
    "AWS::Partition": ("data.aws_partition.current.partition", "aws"),
}

# What `terraform plan` records in `prior_state` for each data source it reads.
PSEUDO_STATE = {
    "AWS::Region": {"name": "eu-west-1", "id": "eu-west-1"},
    "AWS::AccountId": {"account_id": "123456789012", "arn": "arn:aws:iam::123456789012:user/deployer",
                       "id": "123456789012", "user_id": "AIDAEXAMPLEDEPLOYER"},
    "AWS::Partition": {"partition": "aws", "dns_suffix": "amazonaws.com", "id": "aws"},
}


class Skip(Exception):
    pass


class Expr:
    """A Terraform expression: its HCL, the references it makes, its value at plan time."""

    def __init__(self, hcl, refs, value):
        self.hcl, self.refs, self.value = hcl, refs, value


def snake(name):
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def camel(name):
    return name[:1].lower() + name[1:]


class Converter:
    def __init__(self, template):
        if "NoTerraformTwin" in template.get("Metadata", {}):
            raise Skip(template["Metadata"]["NoTerraformTwin"])
        self.resources = template.get("Resources", {})
        self.parameters = template.get("Parameters", {})
        self.used_parameters = set()
        self.used_data = set()
        self.addresses = {}
        # Each resource's `depends_on`, by address.
        self.depends_on = {}
        for logical_id, resource in self.resources.items():
            kind = resource.get("Type")
            if kind not in TYPES:
                raise Skip(f"{kind} has no twin")
            self.addresses[logical_id] = (TYPES[kind][0], snake(logical_id))
        # Names known at plan time, by logical id.
        self.names = {}
        for logical_id, resource in self.resources.items():
            prop, default = NAMES.get(resource["Type"], (None, None))
            written = resource.get("Properties", {}).get(prop) if prop else None
            if isinstance(written, str):
                self.names[logical_id] = written
            elif written is None and default:
                self.names[logical_id] = default(logical_id)

    # Values ---------------------------------------------------------------------------

    def value(self, v, keys=camel):
        """A CloudFormation value as Terraform: plain data, or an `Expr`."""
        if isinstance(v, dict):
            if len(v) == 1:
                (key, arg), = v.items()
                if key == "Ref":
                    return self.ref(arg)
                if key == "Fn::GetAtt":
                    target, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                    return self.attribute(target, ATTRIBUTES.get(attribute, snake(attribute)))
                if key == "Fn::Sub":
                    return self.sub(arg)
                if key == "Fn::Join":
                    return self.join(*arg)
                if key == "Fn::Base64":
                    inner = self.value(arg)
                    return Expr(f"base64encode({self.hcl(inner)})", refs_of(inner), value_of(inner))
                if key == "Fn::ImportValue":
                    return Expr('data.terraform_remote_state.shared.outputs.value', ["data.terraform_remote_state.shared.outputs.value", "data.terraform_remote_state.shared"], UNKNOWN)
                if key.startswith("Fn::") or key == "Condition":
                    raise Skip(f"{key} has no twin")
            return {(k if keys is None else keys(k)): self.value(x, None if k in MAPS else keys) for k, x in v.items()}
        if isinstance(v, list):
            return [self.value(x, keys) for x in v]
        return v

    def ref(self, name):
        if name in PSEUDO:
            hcl, value = PSEUDO[name]
            self.used_data.add(name)
            return Expr(hcl, [hcl, hcl.rsplit(".", 1)[0]], value)
        if name in self.parameters:
            self.used_parameters.add(name)
            default = self.parameters[name].get("Default", UNKNOWN)
            if isinstance(default, str) and self.parameters[name].get("Type") == "Number":
                default = int(default)
            return Expr(f"var.{snake(name)}", [f"var.{snake(name)}"], default)
        if name in self.addresses:
            kind = self.resources[name]["Type"]
            return self.attribute(name, TYPES[kind][1])
        raise Skip(f"Ref {name}")

    def attribute(self, logical_id, attribute):
        if logical_id not in self.addresses:
            raise Skip(f"GetAtt {logical_id}")
        tf_type, tf_name = self.addresses[logical_id]
        address = f"{tf_type}.{tf_name}"
        value = self.names.get(logical_id, UNKNOWN) if attribute == "name" else UNKNOWN
        if tf_type not in MODELLED:
            # Resources ecslint does not model exist already in these plans (a second
            # apply): their ARNs are known, as they are in most real plans.
            value = self.existing(logical_id)[attribute]
        return Expr(f"{address}.{attribute}", [f"{address}.{attribute}", address], value)

    def existing(self, logical_id):
        tf_type, tf_name = self.addresses[logical_id]
        name = self.names.get(logical_id, tf_name)
        if tf_type in EC2_IDS:
            # The network exists already too: its resources have ids, not ARNs, in a plan.
            digest = hashlib.sha1(name.encode()).hexdigest()[:17]
            id = f"{EC2_IDS[tf_type]}-{digest}"
            if tf_type == "aws_internet_gateway_attachment":
                id += f":vpc-{digest}"
            return {"arn": id, "id": id, "name": name, "public_ip": "203.0.113.10", "allocation_id": f"eipalloc-{digest}"}
        service = {"aws_sqs_queue": "sqs", "aws_secretsmanager_secret": "secretsmanager", "aws_cloudwatch_log_group": "logs"}[tf_type]
        arn = f"arn:aws:{service}:eu-west-1:123456789012:{name.lstrip('/')}"
        if service == "secretsmanager":
            arn = f"arn:aws:secretsmanager:eu-west-1:123456789012:secret:{name}-AbCdEf"
        if service == "logs":
            arn = f"arn:aws:logs:eu-west-1:123456789012:log-group:{name}"
        return {"arn": arn, "id": arn, "name": name, "url": f"https://sqs.eu-west-1.amazonaws.com/123456789012/{name}"}

    def sub(self, arg):
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
        parts = []
        pieces = re.split(r"\$\{([^}]*)\}", text)
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                if piece:
                    parts.append(piece)
                continue
            name = piece
            if name.startswith("!"):
                parts.append("${" + name[1:] + "}")
            elif True:
                if name in variables:
                    parts.append(self.value(variables[name]))
                elif "." in name:
                    target, attribute = name.split(".", 1)
                    parts.append(self.attribute(target, ATTRIBUTES.get(attribute, snake(attribute))))
                else:
                    parts.append(self.ref(name))
        return self.interpolate(parts)

    def join(self, separator, items):
        parts = []
        for i, item in enumerate(items):
            if i:
                parts.append(separator)
            parts.append(self.value(item))
        return self.interpolate(parts)

    def interpolate(self, parts):
        if all(isinstance(p, str) for p in parts):
            return "".join(parts)
        hcl, refs, known = '"', [], True
        text = ""
        for p in parts:
            if isinstance(p, str):
                hcl += escape(p)
                text += p
            else:
                hcl += "${" + p.hcl + "}"
                refs += p.refs
                if p.value is UNKNOWN:
                    known = False
                else:
                    text += str(p.value)
        return Expr(hcl + '"', refs, text if known else UNKNOWN)

    def jsonencode(self, v, pad):
        return Expr(f"jsonencode({self.hcl(v, pad)})", refs_of(v), json_string(v))

    # HCL -------------------------------------------------------------------------------

    def hcl(self, v, pad=""):
        if isinstance(v, Expr):
            return v.hcl
        if isinstance(v, bool):
            return "true" if v else "false"
        if v is None:
            return "null"
        if isinstance(v, (int, float)):
            return json.dumps(v)
        if isinstance(v, str):
            return '"' + escape(v) + '"'
        inner = pad + "  "
        if isinstance(v, list):
            if not v:
                return "[]"
            if all(not isinstance(x, (dict, list)) for x in v):
                return "[" + ", ".join(self.hcl(x) for x in v) + "]"
            return "[\n" + "".join(f"{inner}{self.hcl(x, inner)},\n" for x in v) + pad + "]"
        if not v:
            return "{}"
        width = max(len(key_hcl(k)) for k in v)
        return "{\n" + "".join(f"{inner}{key_hcl(k).ljust(width)} = {self.hcl(x, inner)}\n" for k, x in v.items()) + pad + "}"

    def body(self, arguments, pad="  "):
        lines = []
        plain = [(k, v) for k, v in arguments.items() if not (k in BLOCKS and is_blocks(v))]
        width = max((len(k) for k, _ in plain), default=0)
        for k, v in plain:
            lines.append(f"{pad}{k.ljust(width)} = {self.hcl(v, pad)}")
        for k, v in arguments.items():
            if k in BLOCKS and is_blocks(v):
                for block in v if isinstance(v, list) else [v]:
                    lines.append("")
                    lines.append(f"{pad}{k} {{")
                    lines.extend(self.body(block, pad + "  "))
                    lines.append(f"{pad}}}")
        return lines

    # Resources -------------------------------------------------------------------------

    def arguments(self, logical_id, resource):
        kind = resource["Type"]
        p = resource.get("Properties", {})
        pascal = {k: self.value(v, None) for k, v in p.items()}
        out = {}
        extra = []
        if kind == "AWS::ECS::TaskDefinition":
            out["family"] = pascal.pop("Family", snake(logical_id))
            containers = coerce(self.value(p.get("ContainerDefinitions", [])))
            pascal.pop("ContainerDefinitions", None)
            for name in ("Cpu", "Memory", "NetworkMode", "RequiresCompatibilities", "ExecutionRoleArn", "TaskRoleArn", "IpcMode", "PidMode"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
            out["container_definitions"] = self.jsonencode(containers, "  ")
            if "RuntimePlatform" in pascal:
                out["runtime_platform"] = snake_keys(pascal.pop("RuntimePlatform"))
            if "ProxyConfiguration" in pascal:
                proxy = pascal.pop("ProxyConfiguration")
                out["proxy_configuration"] = {"type": proxy.get("Type", "APPMESH"), "container_name": proxy.get("ContainerName"),
                                              "properties": {p["Name"]: p["Value"] for p in proxy.get("ProxyConfigurationProperties", [])}}
            if "EphemeralStorage" in pascal:
                out["ephemeral_storage"] = snake_keys(pascal.pop("EphemeralStorage"))
            for v in pascal.pop("Volumes", []):
                volume = {"name": v.get("Name")}
                if "Host" in v:
                    volume["host_path"] = v["Host"].get("SourcePath")
                for cfg in ("DockerVolumeConfiguration", "EFSVolumeConfiguration"):
                    if cfg in v:
                        volume[snake(cfg).replace("e_f_s", "efs")] = snake_keys(v[cfg])
                out.setdefault("volume", []).append(volume)
            for name, tf in (("PlacementConstraints", "placement_constraints"), ("InferenceAccelerators", "inference_accelerator")):
                if name in pascal:
                    out[tf] = snake_keys(pascal.pop(name))
        elif kind == "AWS::ECS::Service":
            out["name"] = pascal.pop("ServiceName", snake(logical_id))
            for name in ("Cluster", "TaskDefinition", "DesiredCount", "LaunchType", "SchedulingStrategy", "PlatformVersion", "EnableExecuteCommand", "HealthCheckGracePeriodSeconds"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
            if "Role" in pascal:
                out["iam_role"] = pascal.pop("Role")
            if "ServiceConnectConfiguration" in pascal:
                connect = pascal.pop("ServiceConnectConfiguration")
                block = {snake(k): v for k, v in connect.items() if k != "Services"}
                if "Services" in connect:
                    block["service"] = snake_keys(connect["Services"])
                out["service_connect_configuration"] = block
            if "ServiceRegistries" in pascal:
                out["service_registries"] = snake_keys(pascal.pop("ServiceRegistries"))
            if "CapacityProviderStrategy" in pascal:
                out["capacity_provider_strategy"] = snake_keys(pascal.pop("CapacityProviderStrategy"))
            lbs = []
            for lb in pascal.pop("LoadBalancers", []):
                block = {}
                for name, tf in (("LoadBalancerName", "elb_name"), ("TargetGroupArn", "target_group_arn"), ("ContainerName", "container_name"), ("ContainerPort", "container_port")):
                    if name in lb:
                        block[tf] = lb[name]
                lbs.append(block)
            if lbs:
                out["load_balancer"] = lbs
            network = pascal.pop("NetworkConfiguration", None)
            if network:
                vpc = network.get("AwsvpcConfiguration", {})
                block = {snake(k): v for k, v in vpc.items() if k != "AssignPublicIp"}
                if "AssignPublicIp" in vpc:
                    block["assign_public_ip"] = vpc["AssignPublicIp"] == "ENABLED"
                out["network_configuration"] = block
            deployment = pascal.pop("DeploymentConfiguration", None)
            if deployment:
                if "MaximumPercent" in deployment:
                    out["deployment_maximum_percent"] = deployment["MaximumPercent"]
                if "MinimumHealthyPercent" in deployment:
                    out["deployment_minimum_healthy_percent"] = deployment["MinimumHealthyPercent"]
                if "DeploymentCircuitBreaker" in deployment:
                    out["deployment_circuit_breaker"] = snake_keys(deployment["DeploymentCircuitBreaker"])
                if "Alarms" in deployment:
                    out["alarms"] = snake_keys(deployment["Alarms"])
                if "Strategy" in deployment:
                    out["deployment_configuration"] = {"strategy": deployment["Strategy"]}
            if "DeploymentController" in pascal:
                out["deployment_controller"] = snake_keys(pascal.pop("DeploymentController"))
            if "PlacementConstraints" in pascal:
                out["placement_constraints"] = snake_keys(pascal.pop("PlacementConstraints"))
            if "PlacementStrategies" in pascal:
                out["ordered_placement_strategy"] = snake_keys(pascal.pop("PlacementStrategies"))
        elif kind == "AWS::ECS::Cluster":
            if "ClusterName" in pascal:
                out["name"] = pascal.pop("ClusterName")
            else:
                out["name"] = snake(logical_id)
            if "Configuration" in pascal:
                execute = pascal.pop("Configuration").get("ExecuteCommandConfiguration", {})
                out["configuration"] = {"execute_command_configuration": snake_keys(execute)}
            if "ClusterSettings" in pascal:
                out["setting"] = snake_keys(pascal.pop("ClusterSettings"))
            providers = {}
            if "CapacityProviders" in pascal:
                providers["capacity_providers"] = pascal.pop("CapacityProviders")
            if "DefaultCapacityProviderStrategy" in pascal:
                providers["default_capacity_provider_strategy"] = snake_keys(pascal.pop("DefaultCapacityProviderStrategy"))
            if providers:
                tf_type, tf_name = self.addresses[logical_id]
                address = f"{tf_type}.{tf_name}"
                providers = {"cluster_name": Expr(f"{address}.name", [f"{address}.name", address], out["name"]), **providers}
                extra.append(("aws_ecs_cluster_capacity_providers", tf_name, providers))
        elif kind == "AWS::ECS::ClusterCapacityProviderAssociations":
            out["cluster_name"] = pascal.pop("Cluster")
            out["capacity_providers"] = pascal.pop("CapacityProviders", [])
            if "DefaultCapacityProviderStrategy" in pascal:
                out["default_capacity_provider_strategy"] = snake_keys(pascal.pop("DefaultCapacityProviderStrategy"))
        elif kind == "AWS::ECS::CapacityProvider":
            out["name"] = pascal.pop("Name", snake(logical_id))
            if "AutoScalingGroupProvider" in pascal:
                out["auto_scaling_group_provider"] = snake_keys(pascal.pop("AutoScalingGroupProvider"))
        elif kind == "AWS::AutoScaling::AutoScalingGroup":
            for name in ("MinSize", "MaxSize", "DesiredCapacity"):
                if name in pascal:
                    out[snake(name)] = int(pascal.pop(name)) if isinstance(pascal[name] if name in pascal else None, str) else pascal.pop(name)
            if "VPCZoneIdentifier" in pascal:
                out["vpc_zone_identifier"] = pascal.pop("VPCZoneIdentifier")
            if "NewInstancesProtectedFromScaleIn" in pascal:
                out["protect_from_scale_in"] = pascal.pop("NewInstancesProtectedFromScaleIn")
            if "LaunchTemplate" in pascal:
                spec = pascal.pop("LaunchTemplate")
                out["launch_template"] = {"id" if "LaunchTemplateId" in spec else "name": spec.get("LaunchTemplateId", spec.get("LaunchTemplateName")), "version": spec.get("Version", "$Latest")}
            if "LaunchConfigurationName" in pascal:
                out["launch_configuration"] = pascal.pop("LaunchConfigurationName")
            if "MixedInstancesPolicy" in pascal:
                mixed = pascal.pop("MixedInstancesPolicy")
                spec = mixed["LaunchTemplate"]["LaunchTemplateSpecification"]
                template = {"launch_template_specification": snake_keys(spec)}
                if "Overrides" in mixed["LaunchTemplate"]:
                    template["override"] = snake_keys(mixed["LaunchTemplate"]["Overrides"])
                out["mixed_instances_policy"] = {"launch_template": template}
        elif kind == "AWS::ElasticLoadBalancing::LoadBalancer":
            out["name"] = pascal.pop("LoadBalancerName", snake(logical_id))
            out["listener"] = [{"instance_port": l["InstancePort"] if isinstance(l["InstancePort"], Expr) else int(l["InstancePort"]), "instance_protocol": l.get("InstanceProtocol", l.get("Protocol", "HTTP")).lower(), "lb_port": int(l["LoadBalancerPort"]), "lb_protocol": l.get("Protocol", "HTTP").lower()} for l in pascal.pop("Listeners", [])]
            if "Subnets" in pascal:
                out["subnets"] = pascal.pop("Subnets")
        elif kind == "AWS::ElasticLoadBalancingV2::TargetGroup":
            for name in ("TargetType", "Port", "Protocol", "VpcId"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
            health = {snake(k[len("HealthCheck"):]): pascal.pop(k) for k in list(pascal) if k.startswith("HealthCheck")}
            if health:
                out["health_check"] = health
        elif kind == "AWS::ElasticLoadBalancingV2::LoadBalancer":
            for name in ("Subnets", "SecurityGroups"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
            if "Type" in pascal:
                out["load_balancer_type"] = pascal.pop("Type")
        elif kind == "AWS::ElasticLoadBalancingV2::Listener":
            for name in ("LoadBalancerArn", "Port", "Protocol"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
            out["default_action"] = [listener_action(a) for a in pascal.pop("DefaultActions", [])]
        elif kind == "AWS::ElasticLoadBalancingV2::ListenerRule":
            for name in ("ListenerArn", "Priority"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
            out["action"] = [listener_action(a) for a in pascal.pop("Actions", [])]
            out["condition"] = [{"path_pattern": {"values": c.get("PathPatternConfig", {}).get("Values", c.get("Values", []))}}
                                for c in pascal.pop("Conditions", [])]
        elif kind == "AWS::IAM::Role":
            if "RoleName" in pascal:
                out["name"] = pascal.pop("RoleName")
            if "Path" in pascal:
                out["path"] = pascal.pop("Path")
            out["assume_role_policy"] = self.jsonencode(pascal.pop("AssumeRolePolicyDocument", {}), "  ")
            if "ManagedPolicyArns" in pascal:
                out["managed_policy_arns"] = pascal.pop("ManagedPolicyArns")
            inline = [{"name": p.get("PolicyName"), "policy": self.jsonencode(p.get("PolicyDocument"), "    ")} for p in pascal.pop("Policies", [])]
            if inline:
                out["inline_policy"] = inline
        elif kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            out["name"] = pascal.pop("PolicyName", pascal.pop("ManagedPolicyName", snake(logical_id)))
            out["policy"] = self.jsonencode(pascal.pop("PolicyDocument", {}), "  ")
            tf_type, tf_name = self.addresses[logical_id]
            for i, role in enumerate(pascal.pop("Roles", [])):
                extra.append(("aws_iam_role_policy_attachment", f"{tf_name}_{i}", {"role": role, "policy_arn": Expr(f"{tf_type}.{tf_name}.arn", [f"{tf_type}.{tf_name}.arn", f"{tf_type}.{tf_name}"], UNKNOWN)}))
        elif kind == "AWS::IAM::InstanceProfile":
            roles = pascal.pop("Roles", [])
            if roles:
                out["role"] = roles[0]
        elif kind == "AWS::EC2::LaunchTemplate":
            data = pascal.pop("LaunchTemplateData", {})
            for name in ("ImageId", "InstanceType"):
                if name in data:
                    out[snake(name)] = data[name]
            if "IamInstanceProfile" in data:
                out["iam_instance_profile"] = snake_keys(data["IamInstanceProfile"])
            if "UserData" in data:
                out["user_data"] = data["UserData"]
            if "MetadataOptions" in data:
                out["metadata_options"] = snake_keys(data["MetadataOptions"])
        elif kind == "AWS::AutoScaling::LaunchConfiguration":
            for name in ("ImageId", "InstanceType", "IamInstanceProfile", "UserData"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
        elif kind == "AWS::ECR::Repository":
            out["name"] = pascal.pop("RepositoryName", snake(logical_id))
            if "ImageTagMutability" in pascal:
                out["image_tag_mutability"] = pascal.pop("ImageTagMutability")
            for name in ("ImageScanningConfiguration", "EncryptionConfiguration"):
                if name in pascal:
                    out[snake(name)] = snake_keys(pascal.pop(name))
            tf_type, tf_name = self.addresses[logical_id]
            repository = Expr(f"{tf_type}.{tf_name}.name", [f"{tf_type}.{tf_name}.name", f"{tf_type}.{tf_name}"], out["name"])
            lifecycle = pascal.pop("LifecyclePolicy", None)
            if lifecycle:
                extra.append(("aws_ecr_lifecycle_policy", tf_name, {"repository": repository, "policy": lifecycle["LifecyclePolicyText"]}))
            policy = pascal.pop("RepositoryPolicyText", None)
            if policy:
                extra.append(("aws_ecr_repository_policy", tf_name, {"repository": repository, "policy": self.jsonencode(policy, "  ")}))
        elif kind == "AWS::EFS::FileSystem":
            if "Encrypted" in pascal:
                out["encrypted"] = pascal.pop("Encrypted")
            policy = pascal.pop("FileSystemPolicy", None)
            if policy:
                tf_type, tf_name = self.addresses[logical_id]
                file_system = Expr(f"{tf_type}.{tf_name}.id", [f"{tf_type}.{tf_name}.id", f"{tf_type}.{tf_name}"], UNKNOWN)
                extra.append(("aws_efs_file_system_policy", tf_name, {"file_system_id": file_system, "policy": self.jsonencode(policy, "  ")}))
        elif kind == "AWS::ApplicationAutoScaling::ScalableTarget":
            for name in ("MinCapacity", "MaxCapacity", "ResourceId", "ScalableDimension", "ServiceNamespace"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
        elif kind == "AWS::ApplicationAutoScaling::ScalingPolicy":
            out["name"] = pascal.pop("PolicyName", snake(logical_id))
            if "PolicyType" in pascal:
                out["policy_type"] = pascal.pop("PolicyType")
            target = p.get("ScalingTargetId")
            pascal.pop("ScalingTargetId", None)
            if isinstance(target, dict) and "Ref" in target:
                # The provider names the target by the three values it copies from it.
                for attribute in ("resource_id", "scalable_dimension", "service_namespace"):
                    out[attribute] = self.attribute(target["Ref"], attribute)
            if "TargetTrackingScalingPolicyConfiguration" in pascal:
                out["target_tracking_scaling_policy_configuration"] = snake_keys(pascal.pop("TargetTrackingScalingPolicyConfiguration"))
        elif kind == "AWS::EKS::FargateProfile":
            for name in ("ClusterName", "FargateProfileName", "PodExecutionRoleArn"):
                if name in pascal:
                    out[snake(name)] = pascal.pop(name)
            if "Subnets" in pascal:
                out["subnet_ids"] = pascal.pop("Subnets")
            out["selector"] = snake_keys(pascal.pop("Selectors", []))
        elif kind == "AWS::AppRunner::Service":
            out["service_name"] = pascal.pop("ServiceName", snake(logical_id))
            for name in ("SourceConfiguration", "InstanceConfiguration"):
                if name in pascal:
                    out[snake(name)] = snake_keys(pascal.pop(name))
        elif kind in SNAKE_ARGUMENTS:
            for name in list(pascal):
                out[snake(name)] = pascal.pop(name)
        elif kind == "AWS::EC2::VPNGateway":
            # The provider's gateways are all `ipsec.1`, the only type there is.
            pascal.pop("Type", None)
        elif kind == "AWS::Logs::LogGroup":
            out["name"] = pascal.pop("LogGroupName", "/" + snake(logical_id))
        elif kind == "AWS::SecretsManager::Secret":
            out["name"] = pascal.pop("Name", snake(logical_id))
        elif kind == "AWS::SQS::Queue":
            out["name"] = pascal.pop("QueueName", snake(logical_id))
        pascal.pop("Tags", None)
        pascal.pop("GenerateSecretString", None)
        if pascal:
            raise Skip(f"{kind} properties {sorted(pascal)} have no twin")
        return out, extra

    def convert(self):
        resources = []
        for logical_id, resource in self.resources.items():
            out, extra = self.arguments(logical_id, resource)
            tf_type, tf_name = self.addresses[logical_id]
            depends_on = resource.get("DependsOn", [])
            for on in [depends_on] if isinstance(depends_on, str) else depends_on:
                self.depends_on.setdefault((tf_type, tf_name), []).append("%s.%s" % self.addresses[on])
            # A cluster's capacity providers are a resource of their own in Terraform; a
            # service using them must wait for it, as the template's service waits for the
            # cluster that holds them.
            cluster = resource.get("Properties", {}).get("Cluster")
            if resource["Type"] == "AWS::ECS::Service" and "CapacityProviderStrategy" in resource.get("Properties", {}) \
                    and isinstance(cluster, dict) and "CapacityProviders" in self.resources.get(cluster.get("Ref"), {}).get("Properties", {}):
                self.depends_on.setdefault((tf_type, tf_name), []).append("aws_ecs_cluster_capacity_providers.%s" % self.addresses[cluster["Ref"]][1])
            resources.append((tf_type, tf_name, out))
            resources.extend(extra)
        return resources

    def main_tf(self, resources):
        chunks = []
        for name in sorted(self.used_data):
            hcl = PSEUDO[name][0]
            _, kind, label, _ = hcl.split(".")
            chunks.append(f'data "{kind}" "{label}" {{}}')
        for name in self.parameters:
            if name not in self.used_parameters:
                continue
            parameter = self.parameters[name]
            lines = [f'variable "{snake(name)}" {{', f'  type = {"number" if parameter.get("Type") == "Number" else "string"}']
            if "Default" in parameter:
                default = parameter["Default"]
                if parameter.get("Type") == "Number":
                    default = int(default)
                lines.append(f"  default = {self.hcl(default)}")
            lines.append("}")
            chunks.append("\n".join(lines))
        for tf_type, tf_name, arguments in resources:
            lines = [f'resource "{tf_type}" "{tf_name}" {{'] + self.body(arguments)
            if (tf_type, tf_name) in self.depends_on:
                lines += ["", f"  depends_on = [{', '.join(self.depends_on[(tf_type, tf_name)])}]"]
            chunks.append("\n".join(lines + ["}"]))
        return "\n\n".join(chunks) + "\n"

    def plan(self, resources):
        changes, config = [], []
        variables = {}
        for name in self.used_parameters:
            default = self.parameters[name].get("Default")
            if default is not None:
                if self.parameters[name].get("Type") == "Number":
                    default = int(default)
                variables[snake(name)] = {"value": default}
        for tf_type, tf_name, arguments in resources:
            address = f"{tf_type}.{tf_name}"
            after, unknown = planned(arguments)
            actions, before = ["create"], None
            if tf_type in MODELLED:
                for computed in ("arn", "id"):
                    unknown.setdefault(computed, True)
            else:
                logical_id = next(i for i, a in self.addresses.items() if a == (tf_type, tf_name))
                existing = self.existing(logical_id)
                after.update({"arn": existing["arn"], "id": existing["id"]})
                actions, before = ["no-op"], after
            changes.append({
                "address": address, "mode": "managed", "type": tf_type, "name": tf_name,
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": actions, "before": before, "after": after,
                           "after_unknown": unknown, "before_sensitive": False, "after_sensitive": {}},
            })
            configured = {"address": address, "mode": "managed", "type": tf_type, "name": tf_name,
                          "provider_config_key": "aws", "expressions": expressions(arguments), "schema_version": 0}
            if (tf_type, tf_name) in self.depends_on:
                configured["depends_on"] = self.depends_on[(tf_type, tf_name)]
            config.append(configured)
        plan = {
            "format_version": "1.2", "terraform_version": "1.11.4", "variables": variables,
            "planned_values": {"root_module": {"resources": [
                {"address": c["address"], "mode": "managed", "type": c["type"], "name": c["name"],
                 "provider_name": c["provider_name"], "schema_version": 0, "values": c["change"]["after"],
                 "sensitive_values": {}} for c in changes]}},
            "resource_changes": changes,
            "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}},
                              "root_module": {"resources": config}},
            "timestamp": "2026-12-03T00:00:00Z", "applyable": True, "complete": True, "errored": False,
        }
        if self.used_data:
            # The data sources the plan read, as `terraform show -json` records them.
            plan["prior_state"] = {"format_version": "1.0", "terraform_version": "1.11.4", "values": {"root_module": {"resources": [
                {"address": PSEUDO[name][0].rsplit(".", 1)[0], "mode": "data", "type": PSEUDO[name][0].split(".")[1],
                 "name": PSEUDO[name][0].split(".")[2], "provider_name": "registry.terraform.io/hashicorp/aws",
                 "schema_version": 0, "values": PSEUDO_STATE[name], "sensitive_values": {}}
                for name in sorted(self.used_data)]}}}
        return json.dumps(plan, separators=(",", ":")) + "\n"


# Container definition fields CloudFormation converts from strings, which a JSON document
# must write as booleans or numbers (the provider's JSON decoding does not convert).
BOOLEANS = {"essential", "privileged", "readonlyRootFilesystem", "disableNetworking", "interactive", "pseudoTerminal"}
INTEGERS = {"containerPort", "hostPort", "cpu", "memory", "memoryReservation", "startTimeout", "stopTimeout"}


def listener_action(action):
    """A listener's or rule's action as the provider's `default_action`/`action` block."""
    block = {"type": action.get("Type", "forward")}
    if "TargetGroupArn" in action:
        block["target_group_arn"] = action["TargetGroupArn"]
    if "FixedResponseConfig" in action:
        block["fixed_response"] = {"content_type": "text/plain", **snake_keys(action["FixedResponseConfig"])}
    if "ForwardConfig" in action:
        block["forward"] = {"target_group": [{"arn": g["TargetGroupArn"]} for g in action["ForwardConfig"].get("TargetGroups", [])]}
    return block


def coerce(v, key=None):
    if isinstance(v, dict):
        return {k: coerce(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [coerce(x, key) for x in v]
    if isinstance(v, str) and key in BOOLEANS and v.lower() in ("true", "false"):
        return v.lower() == "true"
    if isinstance(v, str) and key in INTEGERS and v.isdigit():
        return int(v)
    return v


def is_blocks(v):
    return isinstance(v, dict) or (isinstance(v, list) and v and all(isinstance(x, dict) for x in v))


# CloudFormation names whose provider argument is not their snake_case form.
ARGUMENTS = {"FilesystemId": "file_system_id", "SizeInGiB": "size_in_gib"}


def snake_keys(v):
    if isinstance(v, dict):
        return {ARGUMENTS.get(k, snake(k)): snake_keys(x) for k, x in v.items()}
    if isinstance(v, list):
        return [snake_keys(x) for x in v]
    return v


def key_hcl(k):
    return k if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", k) else json.dumps(k)


def escape(s):
    return json.dumps(s)[1:-1].replace("${", "$${").replace("%{", "%%{")


def refs_of(v):
    if isinstance(v, Expr):
        return list(v.refs)
    if isinstance(v, dict):
        return [r for x in v.values() for r in refs_of(x)]
    if isinstance(v, list):
        return [r for x in v for r in refs_of(x)]
    return []


def value_of(v):
    """The value at plan time, or UNKNOWN if any part of it is."""
    if isinstance(v, Expr):
        return v.value
    if isinstance(v, dict):
        out = {k: value_of(x) for k, x in v.items()}
        return UNKNOWN if any(x is UNKNOWN for x in out.values()) else out
    if isinstance(v, list):
        out = [value_of(x) for x in v]
        return UNKNOWN if any(x is UNKNOWN for x in out) else out
    return v


def sorted_containers(v):
    """The provider's normal form: containers sorted by name (research/terraform.md §1.2)."""
    if isinstance(v, list) and all(isinstance(c, dict) and "name" in c for c in v):
        return sorted(v, key=lambda c: c["name"])
    return v


def json_string(v):
    value = value_of(v)
    if value is UNKNOWN:
        return UNKNOWN
    return json.dumps(sorted_containers(value), sort_keys=True, separators=(",", ":"))


def planned(arguments):
    """`after` and `after_unknown` for a resource's arguments."""
    after, unknown = {}, {}
    for k, v in arguments.items():
        if k in BLOCKS and is_blocks(v):
            blocks = v if isinstance(v, list) else [v]
            pairs = [planned(b) for b in blocks]
            after[k] = [a for a, _ in pairs]
            unknown[k] = [u for _, u in pairs]
            continue
        value = value_of(v)
        if value is UNKNOWN:
            unknown[k] = True
        else:
            after[k] = value
    return after, unknown


def expressions(arguments):
    out = {}
    for k, v in arguments.items():
        if k in BLOCKS and is_blocks(v):
            out[k] = [expressions(b) for b in (v if isinstance(v, list) else [v])]
            continue
        refs = refs_of(v)
        if refs:
            out[k] = {"references": list(dict.fromkeys(refs))}
        elif isinstance(v, Expr):
            out[k] = {}
        else:
            out[k] = {"constant_value": v}
    return out


def main():
    written, skipped = 0, []
    for fixture in sorted(RULES.glob("*/*/cfn-*.json")):
        name = fixture.stem[len("cfn-"):]
        try:
            converter = Converter(json.loads(fixture.read_text()))
            resources = converter.convert()
            main_tf = converter.main_tf(resources)
            plan = converter.plan(resources)
        except Skip as reason:
            skipped.append(f"{fixture.relative_to(ROOT)}: {reason}")
            continue
        module = fixture.parent / f"tf-{name}"
        module.mkdir(exist_ok=True)
        (module / "main.tf").write_text(main_tf)
        no_plan = json.loads(fixture.read_text()).get("Metadata", {}).get("NoPlanTwin")
        if no_plan:
            skipped.append(f"{fixture.relative_to(ROOT)} (plan only): {no_plan}")
        else:
            (fixture.parent / f"tfplan-{name}.json").write_text(plan)
        written += 1
    # `terraform fmt` aligns arguments as Terraform users write them, when it is installed.
    if shutil.which("terraform"):
        subprocess.run(["terraform", "fmt", "-recursive", str(RULES)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    print(f"wrote {written} twins")
    for line in skipped:
        print(f"no twin: {line}")


if __name__ == "__main__":
    sys.exit(main())
