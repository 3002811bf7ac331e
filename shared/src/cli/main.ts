process.stdout.write('ossature: not yet wired\n');
