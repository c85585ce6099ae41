# Task role of broker: the AWS permissions its code gets. It starts with none; grant what the service calls.
resource "aws_iam_role" "broker_task" {
  name = "kafka-broker-task"
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
resource "aws_ecs_task_definition" "broker" {
  family                   = "kafka-broker"
  requires_compatibilities = ["EC2"]
  network_mode             = "bridge"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.broker_task.arn
  container_definitions = jsonencode([{
    name                   = "broker"
    image                  = var.images["broker"]
    essential              = true
    cpu                    = 4096
    memory                 = 16384
    readonlyRootFilesystem = true
    linuxParameters = {
      initProcessEnabled = true
    }
    mountPoints = [
      {
        sourceVolume  = "tmp"
        containerPath = "/tmp"
      },
      {
        sourceVolume  = "data"
        containerPath = "/data"
      },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.ecs.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "broker"
      }
    }
  }])

  volume {
    name = "tmp"
  }

  volume {
    name                = "data"
    configure_at_launch = true
  }
}

resource "aws_ecs_service" "broker" {
  name            = "broker"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.broker.arn
  desired_count   = 3
  # Rolling deployments keep every task serving (100 %) and start replacements up to 200 %;
  # replacements that do not fit wait for the capacity provider's spare host or for an old task to stop.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"

  capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.x86_64_r5a_xlarge.name
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

  placement_constraints {
    type = "distinctInstance"
  }

  # ECS creates one 1024 GiB gp3 volume per task and does not reattach it to a replacement task,
  # so durable data must be replicated by the application (as Kafka does across brokers) or snapshotted.
  # https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html
  volume_configuration {
    name = "data"

    managed_ebs_volume {
      role_arn         = aws_iam_role.ebs_volumes.arn
      size_in_gb       = 1024
      volume_type      = "gp3"
      file_system_type = "xfs"
      encrypted        = true
    }
  }

  depends_on = [aws_ecs_cluster_capacity_providers.this]
}
