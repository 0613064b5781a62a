//! Load balancers in front of ECS services: what the load balancer needs from the tasks it
//! sends traffic to. Facts from the Amazon ECS Developer Guide ("Use load balancing to
//! distribute Amazon ECS service traffic") and the Elastic Load Balancing guides.

pub mod classic_dynamic_port;
pub mod classic_instance_port;
