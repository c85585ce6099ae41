output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "log_group_name" {
  description = "CloudWatch Logs group of every container."
  value       = aws_cloudwatch_log_group.ecs.name
}

output "public_load_balancer_dns_name" {
  description = "DNS name of the public load balancer (point your records here)."
  value       = aws_lb.public.dns_name
}

output "internal_load_balancer_dns_name" {
  description = "DNS name of the internal load balancer (point your records here)."
  value       = aws_lb.internal.dns_name
}

output "service_names" {
  description = "ECS service name per workload service."
  value = {
    "model-server" = aws_ecs_service.model_server.name
    api            = aws_ecs_service.api.name
  }
}
