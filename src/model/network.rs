//! The VPC routing a template or configuration declares, as far as it decides whether a
//! subnet is public: which route table each subnet is associated with, and which routes send
//! traffic to an internet gateway (`AWS::EC2::SubnetRouteTableAssociation`, `AWS::EC2::Route`,
//! `AWS::EC2::InternetGateway`; `aws_route_table_association`, `aws_route` and the `route`
//! blocks of `aws_route_table`, `aws_internet_gateway`).
//!
//! "A subnet is public if it has a direct route to an internet gateway" (Amazon VPC User
//! Guide, "Subnets for your VPC"). A subnet without an association here uses its VPC's main
//! route table, which a template cannot declare: such a subnet is not known to be public.
//! VPC endpoints (`AWS::EC2::VPCEndpoint`, `aws_vpc_endpoint`) let tasks reach AWS services
//! without the internet.

use crate::source::span::Span;

use super::{LogicalId, Target, Val};

/// A subnet's association with a route table.
#[derive(Debug, Clone, Default)]
pub struct RouteTableAssociation {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub subnet: Option<Val<Target>>,
    pub route_table: Option<Val<Target>>,
}

/// A route of a route table.
#[derive(Debug, Clone, Default)]
pub struct Route {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub route_table: Option<Val<Target>>,
    /// `gatewayId`: an internet gateway or a virtual private gateway.
    pub gateway: Option<Val<Target>>,
}

/// An internet gateway, by its logical id: what makes a route's `gatewayId` a way to the
/// internet rather than to a VPN.
#[derive(Debug, Clone, Default)]
pub struct InternetGateway {
    pub span: Span,
    pub id: Option<LogicalId>,
}

/// A VPC endpoint, by the service it reaches (`com.amazonaws.${AWS::Region}.ecr.dkr`,
/// with the unknown parts as written).
#[derive(Debug, Clone, Default)]
pub struct VpcEndpoint {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub service_name: Option<Val<String>>,
}
