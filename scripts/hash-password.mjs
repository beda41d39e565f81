#!/usr/bin/env node
// Prints an argon2id hash for a review user's password (REVIEW_USERS[].passwordHash).
//   node scripts/hash-password.mjs                 asks twice, without echoing
//   printf '%s' "$PASSWORD" | node scripts/hash-password.mjs   reads the password from stdin
// The password never appears in the shell history or the process list.
import { hash } from '@node-rs/argon2';
import { createInterface } from 'node:readline';

function ask(question) {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Echo nothing while the password is typed.
    rl._writeToOutput = (s) => {
      if (s.startsWith(question)) process.stderr.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

let password;
if (process.stdin.isTTY) {
  password = await ask('Password: ');
  if ((await ask('Again: ')) !== password) {
    console.error('The two passwords differ; nothing was printed.');
    process.exit(1);
  }
} else {
  password = await readStdin();
}
if (password.length < 12) {
  console.error('Use at least 12 characters.');
  process.exit(1);
}
console.log(await hash(password));
