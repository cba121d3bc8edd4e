#!/usr/bin/env node
'use strict';
const { join } = require('node:path');
require('./loadBundle').loadBundle(join(__dirname, '..', 'dist', 'cli.js')).cli(process.argv.slice(2));
