output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "log_group_name" {
  description = "CloudWatch Logs group of every container."
  value       = aws_cloudwatch_log_group.ecs.name
}

output "service_names" {
  description = "ECS service name per workload service."
  value = {
    broker = aws_ecs_service.broker.name
  }
}
