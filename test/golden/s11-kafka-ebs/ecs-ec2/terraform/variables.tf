variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "vpc_id" {
  description = "ID of the existing VPC to deploy into."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets (with a NAT gateway or VPC endpoints for image pulls), in at least two Availability Zones."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "Give private subnets in at least two Availability Zones."
  }
}

variable "images" {
  description = "Container image per service. Defaults to the workload's image, or a non-root NGINX placeholder that listens on 8080 where the workload names none."
  type        = map(string)
  default = {
    broker = "public.ecr.aws/nginx/nginx-unprivileged:alpine"
  }

  validation {
    condition     = alltrue([for s in ["broker"] : contains(keys(var.images), s)])
    error_message = "Give an image for every service: broker."
  }
}

variable "log_retention_days" {
  description = "Days to keep container logs in CloudWatch Logs."
  type        = number
  default     = 30
}

variable "ami_ids" {
  description = "AMI id per node pool (\"x86-64\"). Default {}: each pool reads the ECS-optimised AMI from its public SSM parameter at plan time; give ids to pin them or to plan offline."
  type        = map(string)
  default     = {}
}
