# Priced EC2 fleet (what the recommendation bills), one Auto Scaling group per instance type:
#   pool x86-64: 3 × r5a.xlarge at the busiest hour; 3 × r5a.xlarge at the median hour; floor 3 × r5a.xlarge.
#   (the floor is what every minute of the priced week runs, so the groups keep it all week).
# Each group keeps its floor; ECS managed scaling adds instances while tasks wait for room and removes them
# when empty, up to the priced ceiling of its type plus 1 spare host for deployments (not billed in the recommendation).

# Joins each node to the cluster: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bootstrap_container_instance.html
locals {
  user_data_x86_64 = <<-EOT
    #!/bin/bash
    cat >> /etc/ecs/ecs.config <<'CONFIG'
    ECS_CLUSTER=${aws_ecs_cluster.this.name}
    ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM=ec2_instance
    CONFIG
  EOT
}

# Container instances: bridge-mode tasks share the instance network, so this group guards them.
resource "aws_security_group" "instances" {
  name        = "kafka-instances"
  description = "Container instances of kafka"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "instances_all" {
  security_group_id = aws_security_group.instances.id
  description       = "Outbound to anywhere (ECS agent, images, AWS APIs)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# ECS-optimised Amazon Linux 2023 (x86_64) AMI, resolved at plan time.
data "aws_ssm_parameter" "ecs_ami_x86_64" {
  # Looked up only when var.ami_ids names no AMI for this pool (an offline plan passes one).
  count = lookup(var.ami_ids, "x86-64", null) == null ? 1 : 0
  name  = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
}

# Node pool "x86-64": r5a.xlarge, one Auto Scaling group per type below.
resource "aws_launch_template" "x86_64" {
  name_prefix            = "kafka-x86-64-"
  image_id               = coalesce(lookup(var.ami_ids, "x86-64", null), one(data.aws_ssm_parameter.ecs_ami_x86_64[*].insecure_value))
  vpc_security_group_ids = [aws_security_group.instances.id]
  user_data              = base64encode(local.user_data_x86_64)
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
      Name = "kafka-x86-64"
    })
  }

  tag_specifications {
    resource_type = "volume"
    tags = merge(local.tags, {
      Name = "kafka-x86-64"
    })
  }
}

# r5a.xlarge in pool "x86-64": priced 3 at the busiest hour, 3 at the median hour, 3 at every hour.
# min = desired 3 (the floor, run all week); managed scaling adds instances while tasks wait
# for room and removes them when empty; max 4: the priced ceiling plus 1 spare host for deployments.
# On-Demand, as priced.
resource "aws_autoscaling_group" "x86_64_r5a_xlarge" {
  name_prefix         = "kafka-x86-64-r5a-xlarge-"
  vpc_zone_identifier = var.private_subnet_ids
  min_size            = 3
  desired_capacity    = 3
  max_size            = 4
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
        launch_template_id = aws_launch_template.x86_64.id
        version            = "$Latest"
      }

      override {
        instance_type = "r5a.xlarge"
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

resource "aws_ecs_capacity_provider" "x86_64_r5a_xlarge" {
  name = "kafka-x86-64-r5a-xlarge"

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.x86_64_r5a_xlarge.arn
    managed_termination_protection = "ENABLED"
    managed_draining               = "ENABLED"

    managed_scaling {
      status = "ENABLED"
      # 100 %: hosts stay as full as the optimizer packed them; no idle host is kept warm.
      target_capacity           = 100
      minimum_scaling_step_size = 1
      maximum_scaling_step_size = 4
    }
  }
}
