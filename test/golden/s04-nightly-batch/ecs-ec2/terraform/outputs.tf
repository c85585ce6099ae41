output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "log_group_name" {
  description = "CloudWatch Logs group of every container."
  value       = aws_cloudwatch_log_group.ecs.name
}
