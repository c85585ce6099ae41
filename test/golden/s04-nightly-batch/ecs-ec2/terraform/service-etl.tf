# Task role of etl: the AWS permissions its code gets. It starts with none; grant what the service calls.
resource "aws_iam_role" "etl_task" {
  name = "nightly-batch-etl-task"
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

# On EC2 the container reserves 4 vCPU and 16384 MiB, the size the fleet was packed with.
# Bridge network mode with hostPort 0 (dynamic host ports), as Berth sized the EC2 fleet.
resource "aws_ecs_task_definition" "etl" {
  family                   = "nightly-batch-etl"
  requires_compatibilities = ["EC2"]
  network_mode             = "bridge"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.etl_task.arn
  container_definitions = jsonencode([{
    name                   = "etl"
    image                  = var.images["etl"]
    essential              = true
    cpu                    = 4096
    memory                 = 16384
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
        "awslogs-stream-prefix" = "etl"
      }
    }
  }])

  volume {
    name = "tmp"
  }
}

# etl runs 20 tasks at 01:00 UTC, every day, for about 3 h;
# one schedule starts at most 10 ECS tasks, so 2 schedules share the run.
# The tasks tolerate interruption and run on Spot, as priced.
resource "aws_scheduler_schedule" "etl_1" {
  name                         = "nightly-batch-etl-1"
  description                  = "Starts 10 etl tasks"
  schedule_expression          = "cron(0 1 * * ? *)"
  schedule_expression_timezone = "UTC"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_ecs_cluster.this.arn
    role_arn = aws_iam_role.scheduler.arn

    ecs_parameters {
      task_definition_arn     = aws_ecs_task_definition.etl.arn
      task_count              = 10
      enable_ecs_managed_tags = true
      propagate_tags          = "TASK_DEFINITION"

      capacity_provider_strategy {
        capacity_provider = aws_ecs_capacity_provider.x86_64_m5a_8xlarge.name
        weight            = 7
      }

      capacity_provider_strategy {
        capacity_provider = aws_ecs_capacity_provider.x86_64_r5a_2xlarge.name
        weight            = 1
      }

      capacity_provider_strategy {
        capacity_provider = aws_ecs_capacity_provider.x86_64_r5a_4xlarge.name
        weight            = 2
      }
    }

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }
  }
}

resource "aws_scheduler_schedule" "etl_2" {
  name                         = "nightly-batch-etl-2"
  description                  = "Starts 10 etl tasks"
  schedule_expression          = "cron(0 1 * * ? *)"
  schedule_expression_timezone = "UTC"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_ecs_cluster.this.arn
    role_arn = aws_iam_role.scheduler.arn

    ecs_parameters {
      task_definition_arn     = aws_ecs_task_definition.etl.arn
      task_count              = 10
      enable_ecs_managed_tags = true
      propagate_tags          = "TASK_DEFINITION"

      capacity_provider_strategy {
        capacity_provider = aws_ecs_capacity_provider.x86_64_m5a_8xlarge.name
        weight            = 7
      }

      capacity_provider_strategy {
        capacity_provider = aws_ecs_capacity_provider.x86_64_r5a_2xlarge.name
        weight            = 1
      }

      capacity_provider_strategy {
        capacity_provider = aws_ecs_capacity_provider.x86_64_r5a_4xlarge.name
        weight            = 2
      }
    }

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }
  }
}
