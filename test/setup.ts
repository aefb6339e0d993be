// Mocha root setup: prove once which Node runs the suite (the project pins Node 22 through the `node` devDependency).
console.log(`test runtime: Node ${process.version}`);
