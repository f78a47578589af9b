import { expect, it } from 'vitest';
import { shebangCommands } from '../../src/doubles/shebang-commands.js';

it('names the interpreter a #! line runs, and what env looks up', () => {
  const of = (text: string) => shebangCommands(Buffer.from(text));
  expect(of('#!/bin/sh\necho')).toEqual(['sh']);
  expect(of('#! /usr/bin/bash -eu\n')).toEqual(['bash']);
  expect(of('#!/usr/bin/env python3\n')).toEqual(['env', 'python3']);
  expect(of('#!/usr/bin/env -S LC_ALL=C perl -w\n')).toEqual(['env', 'perl']);
  expect(of('#!/bin/sh\r\n')).toEqual(['sh']);
  expect(of('echo no shebang\n')).toEqual([]);
  expect(of('#!\n')).toEqual([]);
});
