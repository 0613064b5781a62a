use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

use super::subject;

declare_rule! {
    /// ## What it does
    /// Finds an EKS Fargate profile that names a subnet declared with a route to an internet
    /// gateway: the subnet is associated, in the same template or configuration, with a route
    /// table that has a route whose `GatewayId` is an internet gateway declared there too.
    ///
    /// ## Why is this bad?
    /// "A Pod running on Fargate isn't assigned a public IP address, so only private subnets
    /// (with no direct route to an Internet Gateway) are accepted": `CreateFargateProfile`
    /// rejects the profile with an `InvalidParameterException`, and the stack or apply fails.
    /// Pods reach the internet from private subnets through a NAT gateway.
    ///
    /// ## Example
    /// ```yaml
    /// PublicRoute:
    ///   Type: AWS::EC2::Route
    ///   Properties:
    ///     RouteTableId: !Ref PublicRouteTable
    ///     DestinationCidrBlock: 0.0.0.0/0
    ///     GatewayId: !Ref InternetGateway
    /// PublicSubnetRoutes:
    ///   Type: AWS::EC2::SubnetRouteTableAssociation
    ///   Properties:
    ///     SubnetId: !Ref PublicSubnet
    ///     RouteTableId: !Ref PublicRouteTable
    /// Profile:
    ///   Type: AWS::EKS::FargateProfile
    ///   Properties:
    ///     Subnets: [!Ref PublicSubnet]
    /// ```
    ///
    /// Use instead: private subnets, whose default route goes to a NAT gateway.
    ///
    /// ## References
    /// - [Amazon EKS API: CreateFargateProfile](https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateFargateProfile.html)
    /// - [Amazon VPC: Subnets for your VPC](https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html)
    pub FargateProfilePublicSubnet {
        id: "EKS-001",
        name: "fargate-profile-public-subnet",
        severity: Error,
        summary: "EKS Fargate profile naming a subnet with a route to an internet gateway",
        tags: ["eks", "fargate", "networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateFargateProfile.html",
    }
}

impl Check for FargateProfilePublicSubnet {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for profile in model.fargate_profiles() {
            for subnet in &profile.subnets {
                let Some(route) = model.internet_route(subnet) else {
                    continue;
                };
                let name = subnet.value().map_or("?".into(), ToString::to_string);
                let diagnostic = sink.report(
                    subnet.span(),
                    format!(
                        "{} runs pods in subnet `{name}`, which has a route to an internet gateway; EKS accepts only private subnets",
                        subject(profile)
                    ),
                );
                diagnostic.primary("a public subnet");
                // An internet route always names its gateway.
                if let Some(gateway) = &route.gateway {
                    diagnostic.label(gateway.span(), "the route to the internet gateway");
                }
                diagnostic.help(
                    "Name private subnets, whose default route goes to a NAT gateway, not to an internet gateway.",
                );
            }
        }
    }
}
