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

# etl takes no inbound traffic; it may call out (image pulls, AWS APIs).
resource "aws_security_group" "etl" {
  name        = "nightly-batch-etl"
  description = "Tasks of etl"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "etl_all" {
  security_group_id = aws_security_group.etl.id
  description       = "Outbound to anywhere (images, AWS APIs, dependencies)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Work items of etl that failed 3 times, kept for inspection and redrive.
resource "aws_sqs_queue" "etl_dlq" {
  name                      = "nightly-batch-etl-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# Work queue of etl: each task takes items until the queue is empty; an item whose Spot task is interrupted reappears after the visibility timeout and another task of the run takes it.
# An item received 3 times without being deleted moves to the dead-letter queue. The task extends the visibility timeout (ChangeMessageVisibility) while it works on an item longer than 300 s.
# You provide the producer: nothing in this stack sends items to the queue (SQS SendMessage); send a run’s items before its schedule starts it, or its tasks find the queue empty and stop.
# SQS bills $0.40 per million requests beyond the first million a month (https://aws.amazon.com/sqs/pricing/); not in the recommendation, which does not know the message volume.
resource "aws_sqs_queue" "etl" {
  name                       = "nightly-batch-etl"
  visibility_timeout_seconds = 300
  message_retention_seconds  = 345600
  # Long polling: a receive waits up to 20 s for an item, so idle tasks make few (billed) requests.
  receive_wait_time_seconds = 20
  sqs_managed_sse_enabled   = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.etl_dlq.arn
    maxReceiveCount     = 3
  })
}

resource "aws_iam_role_policy" "etl_queue" {
  name = "work-queue"
  role = aws_iam_role.etl_task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
      ]
      Resource = aws_sqs_queue.etl.arn
    }]
  })
}

# Fargate size 4 vCPU / 16384 MiB, as the workload asks.
resource "aws_ecs_task_definition" "etl" {
  family                   = "nightly-batch-etl"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "4096"
  memory                   = "16384"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.etl_task.arn
  container_definitions = jsonencode([{
    name      = "etl"
    image     = var.images["etl"]
    essential = true
    environment = [{
      name  = "QUEUE_URL"
      value = aws_sqs_queue.etl.url
    }]
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

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

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
        capacity_provider = "FARGATE_SPOT"
        weight            = 1
      }

      network_configuration {
        subnets          = var.private_subnet_ids
        security_groups  = [aws_security_group.etl.id]
        assign_public_ip = false
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
        capacity_provider = "FARGATE_SPOT"
        weight            = 1
      }

      network_configuration {
        subnets          = var.private_subnet_ids
        security_groups  = [aws_security_group.etl.id]
        assign_public_ip = false
      }
    }

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }
  }
}
