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
    "svc-01" = aws_ecs_service.svc_01.name
    "svc-02" = aws_ecs_service.svc_02.name
    "svc-03" = aws_ecs_service.svc_03.name
    "svc-04" = aws_ecs_service.svc_04.name
    "svc-05" = aws_ecs_service.svc_05.name
    "svc-06" = aws_ecs_service.svc_06.name
    "svc-07" = aws_ecs_service.svc_07.name
    "svc-08" = aws_ecs_service.svc_08.name
    "svc-09" = aws_ecs_service.svc_09.name
    "svc-10" = aws_ecs_service.svc_10.name
  }
}
