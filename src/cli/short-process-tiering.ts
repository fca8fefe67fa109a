/**
 * Imported first by `ask`: a process that lives for one question or a batch of a second or two
 * should not spend its time compiling optimised code it will hardly run.
 *
 * V8 optimises a function once it has run about 66 KB of bytecode (the interrupt budget). In a
 * batch of a couple of thousand distinct questions that happens within the first few hundred,
 * and optimising the core's big functions (the ranking, the readings) costs 50–250 ms each,
 * several times over as their object shapes settle: about 2.6 s of compiler time for a batch
 * that lasts 1.5 s, on a 2-core machine the compiler thread competes with the answers. With a
 * budget 60 times higher the same batch runs in baseline code (Sparkplug) and optimises only
 * what stays hot well beyond it, so a long batch still ends up in optimised code. The answers
 * are the same either way: this is only when V8 compiles.
 *
 * Set here rather than on the command line so that `node dist/cli/ask.js` and `npm run ask`
 * behave alike; it takes effect for the functions that run after it, and nothing of the core has
 * run before.
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--interrupt-budget=4000000");
