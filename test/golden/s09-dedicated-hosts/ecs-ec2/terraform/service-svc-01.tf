# Task role of svc-01: the AWS permissions its code gets. It starts with none; grant what the service calls.
resource "aws_iam_role" "svc_01_task" {
  name = "dedicated-compliance-svc-01-task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = {
        Service = "ecs-tasks.amazonaws.com"
      }
      Action = "sts:AssumeRole"
    }]
  })
}

# On EC2 the container reserves 2 vCPU and 4096 MiB, the size the fleet was packed with.
# Bridge network mode with hostPort 0 (dynamic host ports), as Berth sized the EC2 fleet.
resource "aws_ecs_task_definition" "svc_01" {
  family                   = "dedicated-compliance-svc-01"
  requires_compatibilities = ["EC2"]
  network_mode             = "bridge"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.svc_01_task.arn
  container_definitions = jsonencode([{
    name                   = "svc-01"
    image                  = var.images["svc-01"]
    essential              = true
    cpu                    = 2048
    memory                 = 4096
    readonlyRootFilesystem = true
    linuxParameters = {
      initProcessEnabled = true
    }
    mountPoints = [{
      sourceVolume  = "tmp"
      containerPath = "/tmp"
    }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.ecs.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "svc-01"
      }
    }
  }])

  volume {
    name = "tmp"
  }
}

resource "aws_ecs_service" "svc_01" {
  name            = "svc-01"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.svc_01.arn
  desired_count   = 2
  # Rolling deployments keep every task serving (100 %) and start replacements up to 200 %;
  # replacements that do not fit wait for the capacity provider's spare host or for an old task to stop.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"

  capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.x86_64_m5a_4xlarge.name
    weight            = 1
  }

  capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.x86_64_m5a_2xlarge.name
    weight            = 1
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  ordered_placement_strategy {
    type  = "spread"
    field = "attribute:ecs.availability-zone"
  }

  ordered_placement_strategy {
    type  = "binpack"
    field = "memory"
  }

  depends_on = [aws_ecs_cluster_capacity_providers.this]
}
