package io.raftkv.client.command;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for commands, shared by the property tests of this package. */
final class CommandArbitraries {

    private CommandArbitraries() {
    }

    static Arbitrary<byte[]> bytes(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
    }

    static Arbitrary<Condition> conditions() {
        return Arbitraries.oneOf(
                Arbitraries.just(Condition.NONE),
                Arbitraries.just(Condition.ABSENT),
                Arbitraries.just(Condition.EXISTS),
                bytes(40).map(Condition.ValueEquals::new),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(Condition.ModIndexEquals::new));
    }

    static Arbitrary<Op> ops() {
        Arbitrary<Op> puts = Combinators.combine(bytes(40), bytes(100), conditions()).as(Put::new);
        Arbitrary<Op> deletes = Combinators.combine(bytes(40), conditions()).as(Delete::new);
        return Arbitraries.oneOf(puts, deletes);
    }

    static Arbitrary<Session> sessions() {
        Arbitrary<Session> some = Combinators.combine(
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE)).as(Session::new);
        return Arbitraries.oneOf(Arbitraries.just(Session.NONE), some);
    }

    static Arbitrary<Command> commands() {
        Arbitrary<Command> singles = Combinators.combine(sessions(), ops()).as(Command.Single::new);
        Arbitrary<Command> batches = Combinators.combine(sessions(), ops().list().ofMinSize(1).ofMaxSize(8))
                .as(Command.Batch::new);
        return Arbitraries.oneOf(singles, batches);
    }
}
