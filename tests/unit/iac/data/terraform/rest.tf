# Planted-defect copy of fixtures/iac/terraform/rest.tf: each template misspells one
# $context variable (VTL201); tests/unit/iac/test_terraform.py asserts where each lands.

# A REST API for a shop's items: GET /items/{id} reads DynamoDB, POST /items writes it.
# vtlgw finds the templates and where they are used (method and resource path):
#
#   vtlgw templates fixtures/iac/terraform/rest.tf

variable "region" {
  type = string
}

variable "table_name" {
  type = string
}

resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_rest_api.shop.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_resource" "item" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_resource.items.id
  path_part   = "{id}"
}

resource "aws_api_gateway_method" "get_item" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_resource.item.id
  http_method   = "GET"
  authorization = "NONE"
}

# A plain heredoc (<<EOF): the text is taken as written, up to the line holding only EOF.
resource "aws_api_gateway_integration" "get_item" {
  rest_api_id             = aws_api_gateway_rest_api.shop.id
  resource_id             = aws_api_gateway_resource.item.id
  http_method             = aws_api_gateway_method.get_item.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:${var.region}:dynamodb:action/GetItem"

  request_templates = {
    "application/json" = <<EOF
{
  "TableName": "${var.table_name}", "trace": "$${context.requestI}",
  "Key": {"id": {"S": "$util.escapeJavaScript($input.params('id')).replaceAll("\\'","'")"}}
}
EOF
  }
}

# An indented heredoc (<<-EOT): the 6 spaces its lines share are removed.
resource "aws_api_gateway_integration_response" "get_item" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  resource_id = aws_api_gateway_resource.item.id
  http_method = aws_api_gateway_method.get_item.http_method
  status_code = "200"

  response_templates = {
    "application/json" = <<-EOT
      #set($item = $input.path('$.Item'))
      {
        "id": "$util.escapeJavaScript($item.id.S).replaceAll("\\'","'")",
        "name": "$util.escapeJavaScript($item.name.S).replaceAll("\\'","'")",
        "stage": "$context.stag"
      }
    EOT
  }
}

# templatefile(): the file is a Terraform template too. ${table} and ${region} come from the
# variables given here; a VTL formal reference in it must be written $${...}.
resource "aws_api_gateway_integration" "put_item" {
  rest_api_id             = aws_api_gateway_rest_api.shop.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = "POST"
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:${var.region}:dynamodb:action/PutItem"

  request_templates = {
    "application/json" = templatefile("${path.module}/templates/put_item.tftpl", {
      table  = var.table_name
      region = "eu-west-1"
    })
  }
}
