terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.75, < 7.0"
    }
  }
}

# Tags of every resource; launch templates repeat them for the instances and volumes they launch.
locals {
  tags = {
    workload       = "kafka"
    "managed-by"   = "terraform"
    "generated-by" = "berth"
  }
}

# To plan with no AWS account, export dummy credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY),
# give the lookups as variables (vpc_cidr, ami_ids where the stack has them) and save as provider_override.tf:
#   provider "aws" {
#     skip_credentials_validation = true
#     skip_requesting_account_id  = true
#     skip_metadata_api_check     = true
#     skip_region_validation      = true
#   }
provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}
