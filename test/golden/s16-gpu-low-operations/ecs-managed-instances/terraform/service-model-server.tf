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

# model-server accepts traffic only from its load balancer.
resource "aws_security_group" "model_server" {
  name        = "gpu-low-operations-model-server"
  description = "Tasks of model-server"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "model_server_all" {
  security_group_id = aws_security_group.model_server.id
  description       = "Outbound to anywhere (images, AWS APIs, dependencies)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_ingress_rule" "model_server_from_alb" {
  security_group_id            = aws_security_group.model_server.id
  description                  = "Port 8080 from the internal ALB"
  referenced_security_group_id = aws_security_group.internal_alb.id
  from_port                    = 8080
  to_port                      = 8080
  ip_protocol                  = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "internal_alb_to_model_server" {
  security_group_id            = aws_security_group.internal_alb.id
  description                  = "To model-server on port 8080"
  referenced_security_group_id = aws_security_group.model_server.id
  from_port                    = 8080
  to_port                      = 8080
  ip_protocol                  = "tcp"
}

# Tasks on ECS Managed Instances have their own network interface (awsvpc), so the ALB targets their IP addresses.
resource "aws_lb_target_group" "model_server" {
  name                 = "gpu-low-operations-model-server"
  port                 = 8080
  protocol             = "HTTP"
  vpc_id               = var.vpc_id
  target_type          = "ip"
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
resource "aws_ecs_task_definition" "model_server" {
  family                   = "gpu-low-operations-model-server"
  requires_compatibilities = ["MANAGED_INSTANCES"]
  network_mode             = "awsvpc"
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
    capacity_provider = aws_ecs_capacity_provider.gpu_g3s_xlarge.name
    weight            = 1
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.model_server.id]
    assign_public_ip = false
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

  depends_on = [aws_lb_listener.internal_http, aws_ecs_cluster_capacity_providers.this]
}
