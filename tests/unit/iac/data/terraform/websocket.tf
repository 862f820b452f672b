# Planted-defect copy of fixtures/iac/terraform/websocket.tf: each template misspells one
# $context variable (VTL201); tests/unit/iac/test_terraform.py asserts where each lands.

# A WebSocket chat API. $connect and $disconnect write to DynamoDB through AWS service
# integrations; sendMessage goes to a Lambda function. vtlgw finds every mapping template
# below where it is written:
#
#   vtlgw templates fixtures/iac/terraform/websocket.tf
#   vtlgw lint fixtures/iac/terraform/websocket.tf

variable "region" {
  type = string
}

variable "table_name" {
  type    = string
  default = "connections"
}

locals {
  stage = "prod"
}

resource "aws_apigatewayv2_api" "chat" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# An indented heredoc (<<-): Terraform removes the indentation its lines share.
# ${var.table_name} is Terraform's, known only at deploy time; $${context.stage} is written
# so that API Gateway gets the VTL formal reference ${context.stage}.
resource "aws_apigatewayv2_integration" "connect" {
  api_id             = aws_apigatewayv2_api.chat.id
  integration_type   = "AWS"
  integration_method = "POST"
  integration_uri    = "arn:aws:apigateway:${var.region}:dynamodb:action/PutItem"
  credentials_arn    = aws_iam_role.apigw.arn

  request_templates = {
    "$default" = <<-EOT
      #set($now = $context.requestTimeEpoch)
      {
        "TableName": "${var.table_name}",
        "Item": {
          "connectionId": {"S": "$context.conectionId"},
          "stage": {"S": "$${context.stage}"},
          "connectedAt": {"N": "$now"}
        }
      }
    EOT
  }
}

resource "aws_apigatewayv2_route" "connect" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "$connect"
  target    = "integrations/${aws_apigatewayv2_integration.connect.id}"
}

# A quoted string: HCL escapes (\") are undone before API Gateway sees the template.
resource "aws_apigatewayv2_integration" "disconnect" {
  api_id             = aws_apigatewayv2_api.chat.id
  integration_type   = "AWS"
  integration_method = "POST"
  integration_uri    = "arn:aws:apigateway:${var.region}:dynamodb:action/DeleteItem"
  credentials_arn    = aws_iam_role.apigw.arn

  request_templates = {
    "$default" = "{\"TableName\": \"${var.table_name}\", \"Key\": {\"connectionId\": {\"S\": \"$context.conectionId\"}}}"
  }
}

resource "aws_apigatewayv2_route" "disconnect" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "$disconnect"
  target    = "integrations/${aws_apigatewayv2_integration.disconnect.id}"
}

# file(): the template is kept in its own file, read as it is (no Terraform interpolation).
resource "aws_apigatewayv2_integration" "send" {
  api_id             = aws_apigatewayv2_api.chat.id
  integration_type   = "AWS"
  integration_method = "POST"
  integration_uri    = aws_lambda_function.send.invoke_arn

  request_templates = {
    "$default" = file("${path.module}/templates/send.vtl")
  }
}

resource "aws_apigatewayv2_route" "send" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "sendMessage"
  target    = "integrations/${aws_apigatewayv2_integration.send.id}"
}

# jsonencode(): Terraform writes the object as compact JSON, its keys sorted.
resource "aws_apigatewayv2_integration_response" "send" {
  api_id                   = aws_apigatewayv2_api.chat.id
  integration_id           = aws_apigatewayv2_integration.send.id
  integration_response_key = "/200/"

  response_templates = {
    "$default" = jsonencode({
      action    = "sent"
      stage     = local.stage
      requestId = "<$context.requestI>"
    })
  }
}
