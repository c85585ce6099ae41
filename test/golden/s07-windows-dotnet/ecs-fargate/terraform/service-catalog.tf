# Task role of catalog: the AWS permissions its code gets. It starts with none; grant what the service calls.
resource "aws_iam_role" "catalog_task" {
  name = "windows-dotnet-catalog-task"
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

# catalog accepts traffic only from its load balancer.
resource "aws_security_group" "catalog" {
  name        = "windows-dotnet-catalog"
  description = "Tasks of catalog"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "catalog_all" {
  security_group_id = aws_security_group.catalog.id
  description       = "Outbound to anywhere (images, AWS APIs, dependencies)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_ingress_rule" "catalog_from_alb" {
  security_group_id            = aws_security_group.catalog.id
  description                  = "Port 8080 from the internal ALB"
  referenced_security_group_id = aws_security_group.internal_alb.id
  from_port                    = 8080
  to_port                      = 8080
  ip_protocol                  = "tcp"
}

# Fargate tasks have their own network interface (awsvpc), so the ALB targets their IP addresses.
resource "aws_lb_target_group" "catalog" {
  name                 = "windows-dotnet-catalog"
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

resource "aws_lb_listener_rule" "catalog" {
  listener_arn = aws_lb_listener.internal_http.arn
  priority     = 20

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.catalog.arn
  }

  condition {
    host_header {
      values = ["catalog.${var.domain_name}"]
    }
  }
}

# Fargate size 2 vCPU / 8192 MiB, as the workload asks.
resource "aws_ecs_task_definition" "catalog" {
  family                   = "windows-dotnet-catalog"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "2048"
  memory                   = "8192"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.catalog_task.arn
  container_definitions = jsonencode([{
    name      = "catalog"
    image     = var.images["catalog"]
    essential = true
    portMappings = [{
      containerPort = 8080
      protocol      = "tcp"
    }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.ecs.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "catalog"
      }
    }
  }])

  runtime_platform {
    operating_system_family = "WINDOWS_SERVER_2022_CORE"
    cpu_architecture        = "X86_64"
  }
}

resource "aws_ecs_service" "catalog" {
  name                              = "catalog"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.catalog.arn
  desired_count                     = 2
  health_check_grace_period_seconds = 60
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"

  capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.catalog.id, aws_security_group.internal_alb_targets.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.catalog.arn
    container_name   = "catalog"
    container_port   = 8080
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  depends_on = [aws_lb_listener.internal_http, aws_ecs_cluster_capacity_providers.this]
}
