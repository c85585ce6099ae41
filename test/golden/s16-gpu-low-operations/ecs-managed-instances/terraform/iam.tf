# Execution role: lets ECS pull images and write logs. Separate from the task roles, which the code uses.
resource "aws_iam_role" "execution" {
  name = "gpu-low-operations-ecs-execution"
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

resource "aws_iam_role_policy_attachment" "execution_task_execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# ECS assumes this role to launch, manage and stop the Managed Instances.
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html
resource "aws_iam_role" "infrastructure" {
  name = "gpu-low-operations-ecs-infrastructure"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = {
        Service = "ecs.amazonaws.com"
      }
      Action = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "infrastructure_amazonecsinfrastructurerolepolicyformanagedinstances" {
  role       = aws_iam_role.infrastructure.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances"
}

# The instances register with the cluster with this role. Its name starts with ecsInstanceRole because
# the infrastructure policy may pass only such roles.
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instances-instance-profile.html
resource "aws_iam_role" "instances" {
  name = "ecsInstanceRole-gpu-low-operations"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = {
        Service = "ec2.amazonaws.com"
      }
      Action = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "instances_amazonecsinstancerolepolicyformanagedinstances" {
  role       = aws_iam_role.instances.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonECSInstanceRolePolicyForManagedInstances"
}

resource "aws_iam_instance_profile" "instances" {
  name = "ecsInstanceRole-gpu-low-operations"
  role = aws_iam_role.instances.name
}
