package org.parkwatch.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.PacketFault;
import org.parkwatch.gateway.water.WastewaterSampleMapper;

/**
 * A device stream of valid hourly packets, the same packets mutated (bytes flipped, inserted, deleted, cut short,
 * doubled) and random bytes, in random order and cut into random reads: the intake never throws, gives every byte
 * back exactly once (on the raw topic, in order), refuses each bad piece with a reason, and accounts every valid
 * packet that follows an intact one. A valid packet right after a mutated one may be swallowed by it (a length
 * field corrupted to point exactly at its CRLF), which the protocol itself cannot tell apart.
 */
class ConnectionIntakeFuzzTest {

    private static final long SEED = 20_261_203L;
    private static final int ITEMS = 3_000;
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private enum Kind { VALID, MUTATED, RANDOM }

    private record Item(Kind kind, byte[] bytes, String eventId) {
    }

    @Test
    void shouldRefuseEveryBadPieceAndAccountEveryValidPacketWithoutEverThrowing() {
        Random random = new Random(SEED);
        List<Item> items = new ArrayList<>();
        LocalDateTime hour = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int i = 0; i < ITEMS; i++) {
            hour = hour.plusHours(1);
            String time = DATA_TIME.format(hour);
            byte[] valid = Answers.frame("QN=" + time + "000;ST=32;CN=2061;PW=123456;MN=" + Devices.MN
                    + ";Flag=9;CP=&&DataTime=" + time + ";w00000-Cou=" + (10 + random.nextInt(90))
                    + ".0,w00000-Flag=N;w01018-Avg=" + (20 + random.nextInt(60)) + ".5,w01018-Flag=N&&");
            double roll = random.nextDouble();
            if (roll < 0.6) {
                items.add(new Item(Kind.VALID, valid, "hj212:" + Devices.MN + ":2061:" + time));
            } else if (roll < 0.9) {
                items.add(new Item(Kind.MUTATED, mutate(valid, random), null));
            } else {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                items.add(new Item(Kind.RANDOM, garbage, null));
            }
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        items.forEach(item -> stream.writeBytes(item.bytes()));
        byte[] sent = stream.toByteArray();

        ConnectionIntake intake = new ConnectionIntake(new Devices().with(Devices.waterDevice(Devices.MN).build()),
                new WastewaterSampleMapper(ZoneId.of("Asia/Shanghai")));
        List<Outcome> outcomes = new ArrayList<>();
        for (int at = 0; at < sent.length; ) {
            int read = Math.min(1 + random.nextInt(300), sent.length - at);
            byte[] chunk = new byte[read];
            System.arraycopy(sent, at, chunk, 0, read);
            outcomes.addAll(intake.feed(chunk));
            at += read;
        }
        outcomes.addAll(intake.finish());

        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        outcomes.forEach(o -> kept.writeBytes(o.rawBytes()));
        assertThat(kept.toByteArray()).as("every byte on the raw topic once, in order").isEqualTo(sent);

        Map<PacketFault, Integer> refusedBy = new EnumMap<>(PacketFault.class);
        Set<String> accounted = new HashSet<>();
        for (Outcome o : outcomes) {
            if (o.result() == PacketResult.REFUSED) {
                assertThat(o.rejection()).as("a refusal carries its reason").isPresent();
                refusedBy.merge(o.rejection().get().fault(), 1, Integer::sum);
            } else if (o.result() == PacketResult.ACCOUNTED) {
                o.eventId().ifPresent(accounted::add);
            }
        }
        List<String> protectedValid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).kind() == Kind.VALID && (i == 0 || items.get(i - 1).kind() == Kind.VALID)) {
                protectedValid.add(items.get(i).eventId());
            }
        }
        assertThat(protectedValid).hasSizeGreaterThan(ITEMS / 3);
        assertThat(accounted).containsAll(protectedValid);
        long bad = items.stream().filter(i -> i.kind() != Kind.VALID).count();
        assertThat(refusedBy.values().stream().mapToInt(Integer::intValue).sum())
                .as("refusals (a run of garbage may merge with its neighbour)").isGreaterThan((int) (bad / 2));
        assertThat(refusedBy).containsKeys(PacketFault.BAD_FRAME, PacketFault.BAD_LENGTH, PacketFault.BAD_CRC);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        return switch (random.nextInt(5)) {
            case 0 -> { // flip one byte
                int i = random.nextInt(b.length);
                b[i] = (byte) (b[i] ^ (1 + random.nextInt(255)));
                yield b;
            }
            case 1 -> { // insert a byte
                int i = random.nextInt(b.length);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, i);
                out[i] = (byte) random.nextInt(256);
                System.arraycopy(b, i, out, i + 1, b.length - i);
                yield out;
            }
            case 2 -> { // delete a byte
                int i = random.nextInt(b.length);
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, i);
                System.arraycopy(b, i + 1, out, i, b.length - i - 1);
                yield out;
            }
            case 3 -> java.util.Arrays.copyOf(b, random.nextInt(b.length)); // cut short
            default -> { // the length field rewritten
                byte[] digits = String.format("%04d", random.nextInt(10_000)).getBytes();
                System.arraycopy(digits, 0, b, 2, 4);
                yield b;
            }
        };
    }
}
