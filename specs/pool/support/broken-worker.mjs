// A pool worker that cannot load: the pool must fail the waiting tasks instead of respawning forever.
process.stderr.write('cannot load: missing dependency\n');
throw new Error('broken worker module');
