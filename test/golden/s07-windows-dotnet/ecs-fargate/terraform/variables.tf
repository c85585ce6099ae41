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
  description = "Container image per service (\"orders\", \"billing\", \"catalog\", \"reports\"); required: the workload names no image for orders, billing, catalog, reports (Windows has no neutral placeholder)."
  type        = map(string)

  validation {
    condition     = alltrue([for s in ["orders", "billing", "catalog", "reports"] : contains(keys(var.images), s)])
    error_message = "Give an image for every service: orders, billing, catalog, reports."
  }
}

variable "log_retention_days" {
  description = "Days to keep container logs in CloudWatch Logs."
  type        = number
  default     = 30
}

variable "public_subnet_ids" {
  description = "Public subnets for the internet-facing load balancer, in at least two Availability Zones."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_ids) >= 2
    error_message = "An Application Load Balancer needs subnets in at least two Availability Zones."
  }
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate the HTTPS listener serves."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC, allowed to reach the internal load balancer. Default null: read from the VPC at plan time (give it for an offline plan)."
  type        = string
  default     = null
}

variable "domain_name" {
  description = "Domain under which services sharing a load balancer are routed by host name (<service>.<domain_name>)."
  type        = string
}
