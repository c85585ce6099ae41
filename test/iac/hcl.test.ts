import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import {
  attr,
  block,
  comment,
  escapeString,
  expr,
  fn,
  heredoc,
  nested,
  renderHcl,
  template,
} from '../../src/iac/hcl.js';

describe('hcl', () => {
  it('aligns = across runs of single-line attributes and breaks the run at blocks, comments and multi-line values', () => {
    const text = renderHcl([
      block(
        'resource',
        ['aws_lb', 'public'],
        [
          attr('name', 'web'),
          attr('load_balancer_type', 'application'),
          attr('tags', { Name: 'web', 'managed-by': 'berth' }),
          attr('internal', false),
          comment('why'),
          attr('subnets', expr('var.public_subnet_ids')),
          nested('access_logs', [attr('enabled', true)]),
        ],
      ),
    ]);
    expect(text).toBe(
      [
        'resource "aws_lb" "public" {',
        '  name               = "web"',
        '  load_balancer_type = "application"',
        '  tags = {',
        '    Name         = "web"',
        '    "managed-by" = "berth"',
        '  }',
        '  internal = false',
        '  # why',
        '  subnets = var.public_subnet_ids',
        '',
        '  access_logs {',
        '    enabled = true',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('separates top-level blocks by one blank line and writes their comments above them', () => {
    const text = renderHcl([
      block('variable', ['a'], [attr('type', expr('string'))], ['first']),
      block('variable', ['b'], []),
    ]);
    expect(text).toBe('# first\nvariable "a" {\n  type = string\n}\n\nvariable "b" {}\n');
  });

  it('escapes quotes, backslashes and template markers in strings, but interpolates template expressions', async () => {
    expect(escapeString(`say "hi" \\ \${x} %{y}`)).toBe(`say \\"hi\\" \\\\ $\${x} %%{y}`);
    const text = renderHcl([
      block(
        'locals',
        [],
        [attr('literal', `\${not.a.reference}`), attr('host', template('web.', expr('var.domain')))],
      ),
    ]);
    expect(text).toContain(`literal = "$\${not.a.reference}"`);
    expect(text).toContain(`host    = "web.\${var.domain}"`);
    const parsed = (await parse('x.tf', text)) as { locals: { literal: string; host: string }[] };
    expect(parsed.locals[0]?.literal).toBe(`$\${not.a.reference}`);
    expect(parsed.locals[0]?.host).toBe(`web.\${var.domain}`);
  });

  it('renders function calls with their object arguments indented where they stand', () => {
    const text = renderHcl([
      block(
        'resource',
        ['aws_iam_role', 'r'],
        [
          attr(
            'assume_role_policy',
            fn('jsonencode', { Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] }),
          ),
        ],
      ),
    ]);
    expect(text).toContain(
      '  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n    }]\n  })\n',
    );
  });

  it('writes heredocs that terraform reads back line by line, aligned with their neighbours', async () => {
    const text = renderHcl([
      block('locals', [], [attr('a', heredoc(['#!/bin/bash', `echo \${x}`])), attr('bbb', 1)]),
    ]);
    expect(text).toBe(`locals {\n  a   = <<-EOT\n    #!/bin/bash\n    echo \${x}\n  EOT\n  bbb = 1\n}\n`);
    const parsed = (await parse('x.tf', text)) as { locals: { a: string }[] };
    expect(parsed.locals[0]?.a).toBe(`#!/bin/bash\necho \${x}\n`);
  });

  it('leaves out skipped body entries and renders empty lists and objects compactly', () => {
    const text = renderHcl([
      block('resource', ['t', 'n'], [false, attr('a', []), null, attr('b', {}), undefined]),
    ]);
    expect(text).toBe('resource "t" "n" {\n  a = []\n  b = {}\n}\n');
  });
});
