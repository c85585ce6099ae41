# Priced EC2 fleet (what the recommendation bills, plus the Managed Instances fee per instance-hour):
#   pool gpu: 2 × g3s.xlarge at the busiest hour; 2 × g3s.xlarge at the median hour.
#   pool x86-64: 2 × m7a.medium at the busiest hour; 2 × m7a.medium at the median hour.
# One Managed Instances capacity provider per instance type (g3s.xlarge, m7a.medium), each allowed that type only;
# each service's strategy weighs them as the optimizer placed its tasks at the busiest hour. ECS launches
# instances as tasks need room and stops idle ones; Managed Instances has no instance-count limit to set.

# The instances: outbound only; each task has its own network interface and group (awsvpc).
resource "aws_security_group" "instances" {
  name        = "gpu-low-operations-instances"
  description = "ECS Managed Instances of gpu-low-operations"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "instances_all" {
  security_group_id = aws_security_group.instances.id
  description       = "Outbound to anywhere (ECS agent, images, AWS APIs)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# g3s.xlarge in pool "gpu": priced 2 at the busiest hour, 2 at the median hour.
# On-Demand, as priced.
resource "aws_ecs_capacity_provider" "gpu_g3s_xlarge" {
  name    = "gpu-low-operations-gpu-g3s-xlarge"
  cluster = aws_ecs_cluster.this.name

  managed_instances_provider {
    infrastructure_role_arn = aws_iam_role.infrastructure.arn
    propagate_tags          = "CAPACITY_PROVIDER"

    instance_launch_template {
      ec2_instance_profile_arn = aws_iam_instance_profile.instances.arn

      network_configuration {
        subnets         = var.private_subnet_ids
        security_groups = [aws_security_group.instances.id]
      }

      instance_requirements {
        vcpu_count {
          min = 0
        }

        memory_mib {
          min = 0
        }

        allowed_instance_types = ["g3s.xlarge"]
      }
    }
  }
}

# m7a.medium in pool "x86-64": priced 2 at the busiest hour, 2 at the median hour.
# On-Demand, as priced.
resource "aws_ecs_capacity_provider" "x86_64_m7a_medium" {
  name    = "gpu-low-operations-x86-64-m7a-medium"
  cluster = aws_ecs_cluster.this.name

  managed_instances_provider {
    infrastructure_role_arn = aws_iam_role.infrastructure.arn
    propagate_tags          = "CAPACITY_PROVIDER"

    instance_launch_template {
      ec2_instance_profile_arn = aws_iam_instance_profile.instances.arn

      network_configuration {
        subnets         = var.private_subnet_ids
        security_groups = [aws_security_group.instances.id]
      }

      instance_requirements {
        vcpu_count {
          min = 0
        }

        memory_mib {
          min = 0
        }

        allowed_instance_types = ["m7a.medium"]
      }
    }
  }
}
