# Priced EC2 fleet (what the recommendation bills), one Auto Scaling group per instance type:
#   pool gpu: 1 × g4dn.2xlarge at the busiest hour; 1 × g4dn.2xlarge at the median hour; floor 1 × g4dn.2xlarge.
#   (the floor is what every minute of the priced week runs, so the groups keep it all week).
# Each group keeps its floor; ECS managed scaling adds instances while tasks wait for room and removes them
# when empty, up to the priced ceiling of its type plus 1 spare host for deployments (not billed in the recommendation).

# Joins each node to the cluster: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bootstrap_container_instance.html
locals {
  user_data_gpu = <<-EOT
    #!/bin/bash
    cat >> /etc/ecs/ecs.config <<'CONFIG'
    ECS_CLUSTER=${aws_ecs_cluster.this.name}
    ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM=ec2_instance
    ECS_ENABLE_GPU_SUPPORT=true
    CONFIG
  EOT
}

# Container instances: bridge-mode tasks share the instance network, so this group guards them.
resource "aws_security_group" "instances" {
  name        = "gpu-inference-instances"
  description = "Container instances of gpu-inference"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "instances_all" {
  security_group_id = aws_security_group.instances.id
  description       = "Outbound to anywhere (ECS agent, images, AWS APIs)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_ingress_rule" "instances_from_internal_alb" {
  security_group_id            = aws_security_group.instances.id
  description                  = "Dynamic host ports from the internal ALB"
  referenced_security_group_id = aws_security_group.internal_alb.id
  from_port                    = 32768
  to_port                      = 65535
  ip_protocol                  = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "internal_alb_to_instances" {
  security_group_id            = aws_security_group.internal_alb.id
  description                  = "To dynamic host ports of the container instances"
  referenced_security_group_id = aws_security_group.instances.id
  from_port                    = 32768
  to_port                      = 65535
  ip_protocol                  = "tcp"
}

# ECS-optimised GPU (NVIDIA) Amazon Linux 2023 AMI, resolved at plan time.
data "aws_ssm_parameter" "ecs_ami_gpu" {
  # Looked up only when var.ami_ids names no AMI for this pool (an offline plan passes one).
  count = lookup(var.ami_ids, "gpu", null) == null ? 1 : 0
  name  = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id"
}

# Node pool "gpu": g4dn.2xlarge, one Auto Scaling group per type below.
resource "aws_launch_template" "gpu" {
  name_prefix            = "gpu-inference-gpu-"
  image_id               = coalesce(lookup(var.ami_ids, "gpu", null), one(data.aws_ssm_parameter.ecs_ami_gpu[*].insecure_value))
  vpc_security_group_ids = [aws_security_group.instances.id]
  user_data              = base64encode(local.user_data_gpu)
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.instances.arn
  }

  # IMDSv2 only, and a hop limit of 1 so containers in bridge mode cannot reach the instance role;
  # tasks get credentials from their task role instead.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  # The provider's default_tags do not reach the instances and volumes an Auto Scaling group launches,
  # so the launch template tags them itself: https://github.com/hashicorp/terraform-provider-aws/issues/19387
  tag_specifications {
    resource_type = "instance"
    tags = merge(local.tags, {
      Name = "gpu-inference-gpu"
    })
  }

  tag_specifications {
    resource_type = "volume"
    tags = merge(local.tags, {
      Name = "gpu-inference-gpu"
    })
  }
}

# g4dn.2xlarge in pool "gpu": priced 1 at the busiest hour, 1 at the median hour, 1 at every hour.
# min = desired 1 (the floor, run all week); managed scaling adds instances while tasks wait
# for room and removes them when empty; max 2: the priced ceiling plus 1 spare host for deployments.
# On-Demand, as priced.
resource "aws_autoscaling_group" "gpu_g4dn_2xlarge" {
  name_prefix         = "gpu-inference-gpu-g4dn-2xlarge-"
  vpc_zone_identifier = var.private_subnet_ids
  min_size            = 1
  desired_capacity    = 1
  max_size            = 2
  health_check_type   = "EC2"
  # ECS managed termination protection needs scale-in protection on the instances.
  protect_from_scale_in = true

  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 0
      on_demand_percentage_above_base_capacity = 100
    }

    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.gpu.id
        version            = "$Latest"
      }

      override {
        instance_type = "g4dn.2xlarge"
      }
    }
  }

  tag {
    key                 = "AmazonECSManaged"
    value               = ""
    propagate_at_launch = true
  }

  # ECS managed scaling moves the desired count between min and max.
  lifecycle {
    ignore_changes = [desired_capacity]
  }
}

resource "aws_ecs_capacity_provider" "gpu_g4dn_2xlarge" {
  name = "gpu-inference-gpu-g4dn-2xlarge"

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.gpu_g4dn_2xlarge.arn
    managed_termination_protection = "ENABLED"
    managed_draining               = "ENABLED"

    managed_scaling {
      status = "ENABLED"
      # 100 %: hosts stay as full as the optimizer packed them; no idle host is kept warm.
      target_capacity           = 100
      minimum_scaling_step_size = 1
      maximum_scaling_step_size = 2
    }
  }
}
