resource "aws_ecs_cluster" "this" {
  name = "dedicated-compliance"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "ecs" {
  name              = "/ecs/dedicated-compliance"
  retention_in_days = var.log_retention_days
}

# Every service names its own capacity provider strategy; the default applies to tasks started by hand.
resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name = aws_ecs_cluster.this.name
  capacity_providers = [
    aws_ecs_capacity_provider.x86_64_m5a_4xlarge.name,
    aws_ecs_capacity_provider.x86_64_m5a_2xlarge.name,
  ]

  default_capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.x86_64_m5a_4xlarge.name
    weight            = 1
  }
}
