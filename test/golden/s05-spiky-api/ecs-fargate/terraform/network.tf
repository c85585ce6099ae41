# Internet-facing ALB for the public services; HTTP redirects to HTTPS.
resource "aws_security_group" "public_alb" {
  name        = "spiky-api-public-alb"
  description = "Internet-facing ALB of spiky-api"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "public_alb_https" {
  security_group_id = aws_security_group.public_alb.id
  description       = "HTTPS from the internet"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "public_alb_http" {
  security_group_id = aws_security_group.public_alb.id
  description       = "HTTP from the internet"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 80
  to_port           = 80
  ip_protocol       = "tcp"
}

# No rules of its own: every task behind these ALBs joins it beside its own group, so the ALB needs one
# outbound rule for all of them (a security group holds 60 rules per direction by default). Each
# task's own group admits only its port from the ALB.
resource "aws_security_group" "public_alb_targets" {
  name        = "spiky-api-public-alb-targets"
  description = "Tasks behind the internet-facing ALBs of spiky-api"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "public_alb_to_targets" {
  security_group_id            = aws_security_group.public_alb.id
  description                  = "To the tasks behind the ALB (port 8080)"
  referenced_security_group_id = aws_security_group.public_alb_targets.id
  from_port                    = 8080
  to_port                      = 8080
  ip_protocol                  = "tcp"
}

resource "aws_lb" "public" {
  name                       = "spiky-api-public"
  internal                   = false
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.public_alb.id]
  subnets                    = var.public_subnet_ids
  drop_invalid_header_fields = true
}

resource "aws_lb_listener" "public_https" {
  load_balancer_arn = aws_lb.public.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

resource "aws_lb_listener" "public_http" {
  load_balancer_arn = aws_lb.public.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
