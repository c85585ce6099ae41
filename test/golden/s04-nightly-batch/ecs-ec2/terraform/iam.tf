# Execution role: lets ECS pull images and write logs. Separate from the task roles, which the code uses.
resource "aws_iam_role" "execution" {
  name = "nightly-batch-ecs-execution"
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

# Container instances: the ECS agent registers them; SSM Session Manager replaces SSH.
resource "aws_iam_role" "instances" {
  name = "nightly-batch-ecs-instances"
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

resource "aws_iam_role_policy_attachment" "instances_ecs_instance" {
  role       = aws_iam_role.instances.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_role_policy_attachment" "instances_ssm" {
  role       = aws_iam_role.instances.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "instances" {
  name = "nightly-batch-ecs-instances"
  role = aws_iam_role.instances.name
}

# EventBridge Scheduler starts the batch tasks with this role.
resource "aws_iam_role" "scheduler" {
  name = "nightly-batch-scheduler"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = {
        Service = "scheduler.amazonaws.com"
      }
      Action = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "scheduler" {
  name = "run-batch-tasks"
  role = aws_iam_role.scheduler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "ecs:RunTask"
        Resource = ["${aws_ecs_task_definition.etl.arn_without_revision}:*"]
        Condition = {
          ArnEquals = {
            "ecs:cluster" = aws_ecs_cluster.this.arn
          }
        }
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = [aws_iam_role.execution.arn, aws_iam_role.etl_task.arn]
      },
      {
        Effect   = "Allow"
        Action   = "ecs:TagResource"
        Resource = "*"
        Condition = {
          StringEquals = {
            "ecs:CreateAction" = "RunTask"
          }
        }
      },
    ]
  })
}
