resource "aws_ecs_cluster" "this" {
  name = "kafka"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "ecs" {
  name              = "/ecs/kafka"
  retention_in_days = var.log_retention_days
}

# Every service names its own capacity provider strategy; the default applies to tasks started by hand.
resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = [aws_ecs_capacity_provider.x86_64_r5a_xlarge.name]

  default_capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.x86_64_r5a_xlarge.name
    weight            = 1
  }
}
