# Task role of model-server: the AWS permissions its code gets. It starts with none; grant what the service calls.
resource "aws_iam_role" "model_server_task" {
  name = "gpu-low-operations-model-server-task"
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

# Bridge mode: ECS registers each task as instance:dynamic-port, so the ALB targets instances.
resource "aws_lb_target_group" "model_server" {
  name                 = "gpu-low-operations-model-server"
  port                 = 8080
  protocol             = "HTTP"
  vpc_id               = var.vpc_id
  target_type          = "instance"
  deregistration_delay = 30

  health_check {
    path                = "/"
    matcher             = "200-399"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# On EC2 the container reserves 4 vCPU and 16384 MiB, the size the fleet was packed with.
# Bridge network mode with hostPort 0 (dynamic host ports), as Berth sized the EC2 fleet.
resource "aws_ecs_task_definition" "model_server" {
  family                   = "gpu-low-operations-model-server"
  requires_compatibilities = ["EC2"]
  network_mode             = "bridge"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.model_server_task.arn
  container_definitions = jsonencode([{
    name      = "model-server"
    image     = var.images["model-server"]
    essential = true
    cpu       = 4096
    memory    = 16384
    portMappings = [{
      containerPort = 8080
      protocol      = "tcp"
      hostPort      = 0
    }]
    resourceRequirements = [{
      type  = "GPU"
      value = "1"
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
        "awslogs-stream-prefix" = "model-server"
      }
    }
  }])

  volume {
    name = "tmp"
  }
}

resource "aws_ecs_service" "model_server" {
  name                              = "model-server"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.model_server.arn
  desired_count                     = 2
  health_check_grace_period_seconds = 60
  # Rolling deployments keep every task serving (100 %) and start replacements up to 200 %;
  # replacements that do not fit wait for the capacity provider's spare host or for an old task to stop.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"

  capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.gpu_g4dn_2xlarge.name
    weight            = 1
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.model_server.arn
    container_name   = "model-server"
    container_port   = 8080
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

  depends_on = [aws_lb_listener.internal_http, aws_ecs_cluster_capacity_providers.this]
}
