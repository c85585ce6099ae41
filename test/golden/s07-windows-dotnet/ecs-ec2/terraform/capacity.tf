# Priced EC2 fleet (what the recommendation bills), one Auto Scaling group per instance type:
#   pool windows: 2 × r5a.2xlarge at the busiest hour; 2 × r5a.2xlarge at the median hour; floor 2 × r5a.2xlarge.
#   (the floor is what every minute of the priced week runs, so the groups keep it all week).
# Each group keeps its floor; ECS managed scaling adds instances while tasks wait for room and removes them
# when empty, up to the priced ceiling of its type plus 1 spare host for deployments (not billed in the recommendation).

# Joins each node to the cluster: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bootstrap_container_instance.html
locals {
  user_data_windows = <<-EOT
    <powershell>
    Import-Module ECSTools
    Initialize-ECSAgent -Cluster "${aws_ecs_cluster.this.name}" -EnableTaskIAMRole -LoggingDrivers '["json-file","awslogs"]'
    </powershell>
  EOT
}

# Container instances: bridge-mode tasks share the instance network, so this group guards them.
resource "aws_security_group" "instances" {
  name        = "windows-dotnet-instances"
  description = "Container instances of windows-dotnet"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "instances_all" {
  security_group_id = aws_security_group.instances.id
  description       = "Outbound to anywhere (ECS agent, images, AWS APIs)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_ingress_rule" "instances_from_public_alb" {
  security_group_id            = aws_security_group.instances.id
  description                  = "Dynamic host ports from the public ALB"
  referenced_security_group_id = aws_security_group.public_alb.id
  from_port                    = 32768
  to_port                      = 65535
  ip_protocol                  = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "public_alb_to_instances" {
  security_group_id            = aws_security_group.public_alb.id
  description                  = "To dynamic host ports of the container instances"
  referenced_security_group_id = aws_security_group.instances.id
  from_port                    = 32768
  to_port                      = 65535
  ip_protocol                  = "tcp"
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

# ECS-optimised Windows Server 2022 Core AMI, resolved at plan time.
data "aws_ssm_parameter" "ecs_ami_windows" {
  # Looked up only when var.ami_ids names no AMI for this pool (an offline plan passes one).
  count = lookup(var.ami_ids, "windows", null) == null ? 1 : 0
  name  = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-ECS_Optimized/image_id"
}

# Node pool "windows": r5a.2xlarge, one Auto Scaling group per type below.
resource "aws_launch_template" "windows" {
  name_prefix            = "windows-dotnet-windows-"
  image_id               = coalesce(lookup(var.ami_ids, "windows", null), one(data.aws_ssm_parameter.ecs_ami_windows[*].insecure_value))
  vpc_security_group_ids = [aws_security_group.instances.id]
  user_data              = base64encode(local.user_data_windows)
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
      Name = "windows-dotnet-windows"
    })
  }

  tag_specifications {
    resource_type = "volume"
    tags = merge(local.tags, {
      Name = "windows-dotnet-windows"
    })
  }
}

# r5a.2xlarge in pool "windows": priced 2 at the busiest hour, 2 at the median hour, 2 at every hour.
# min = desired 2 (the floor, run all week); managed scaling adds instances while tasks wait
# for room and removes them when empty; max 3: the priced ceiling plus 1 spare host for deployments.
# On-Demand, as priced.
resource "aws_autoscaling_group" "windows_r5a_2xlarge" {
  name_prefix         = "windows-dotnet-windows-r5a-2xlarge-"
  vpc_zone_identifier = var.private_subnet_ids
  min_size            = 2
  desired_capacity    = 2
  max_size            = 3
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
        launch_template_id = aws_launch_template.windows.id
        version            = "$Latest"
      }

      override {
        instance_type = "r5a.2xlarge"
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

resource "aws_ecs_capacity_provider" "windows_r5a_2xlarge" {
  name = "windows-dotnet-windows-r5a-2xlarge"

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.windows_r5a_2xlarge.arn
    managed_termination_protection = "ENABLED"
    managed_draining               = "ENABLED"

    managed_scaling {
      status = "ENABLED"
      # 100 %: hosts stay as full as the optimizer packed them; no idle host is kept warm.
      target_capacity           = 100
      minimum_scaling_step_size = 1
      maximum_scaling_step_size = 3
    }
  }
}
