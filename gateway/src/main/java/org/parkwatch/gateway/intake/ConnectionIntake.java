package org.parkwatch.gateway.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.parkwatch.avro.CipherTextEncoding;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.DeviceEncryption;
import org.parkwatch.avro.EncryptionScheme;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.flue.FlueGasSampleMapper;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.CpRegionCipher;
import org.parkwatch.gateway.hj212.FrameScanner;
import org.parkwatch.gateway.hj212.Hj212Crc;
import org.parkwatch.gateway.hj212.Packet;
import org.parkwatch.gateway.hj212.PacketFault;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.hj212.Scanned;
import org.parkwatch.gateway.hj212.SplitPacketAssembler;
import org.parkwatch.gateway.hj212.UnreadablePacketException;
import org.parkwatch.gateway.water.WastewaterSampleMapper;

/**
 * Judges the packets of one device connection in the order they arrive: frame and CRC, device and password,
 * command, split sets, data. Each packet, good or bad, gives one {@link Outcome}: the raw bytes to keep, a
 * rejection for the dead-letter topic, the samples to account, and the answer to send once they are written.
 *
 * <p>Refusals of a readable packet are answered as HJ 212 answers a request it refuses (9011, Table 7): QnRtn 9
 * for a bad CRC, 4 for an unknown MN, 3 for a wrong password, 8 for a command the platform does not take. Bytes
 * that are not a frame, or a header that cannot be read, get no answer: there is no QN or MN to answer. Data the
 * device sent correctly but that cannot be accounted (a missing volume, a value that is not a number) are kept in a
 * dead letter and answered 9014, since sending them again would not make them readable; so are a CEMS's data to
 * account when its registration names no stack (UNKNOWN_STACK).
 */
public final class ConnectionIntake {

    private final DeviceDirectory devices;
    private final WastewaterSampleMapper water;
    private final FlueGasSampleMapper flueGas;
    private final FrameScanner scanner = new FrameScanner();
    private final SplitPacketAssembler assembler = new SplitPacketAssembler();
    private final DeviceActivity activity;
    private String lastMn;

    public ConnectionIntake(DeviceDirectory devices, WastewaterSampleMapper water, FlueGasSampleMapper flueGas) {
        this(devices, water, flueGas, DeviceActivity.NONE);
    }

    /** @param activity told of each whole packet let in (the data-gap watch) */
    public ConnectionIntake(DeviceDirectory devices, WastewaterSampleMapper water, FlueGasSampleMapper flueGas,
                            DeviceActivity activity) {
        this.devices = devices;
        this.water = water;
        this.flueGas = flueGas;
        this.activity = activity;
    }

    /** An intake that reads flue-gas DataTime in the same zone as water's. */
    public ConnectionIntake(DeviceDirectory devices, WastewaterSampleMapper water) {
        this(devices, water, new FlueGasSampleMapper(water.zone()));
    }

    /** The outcomes of the packets {@code chunk} completes. */
    public List<Outcome> feed(byte[] chunk) {
        return judge(scanner.feed(chunk));
    }

    /** At the end of the connection: the outcome of whatever was left unframed. */
    public List<Outcome> finish() {
        return judge(scanner.finish());
    }

    private List<Outcome> judge(List<Scanned> scanned) {
        List<Outcome> outcomes = new ArrayList<>(scanned.size());
        for (Scanned s : scanned) {
            outcomes.add(s instanceof Scanned.Frame frame ? frame(frame) : refused((Scanned.Refused) s));
        }
        return outcomes;
    }

    private Outcome refused(Scanned.Refused refused) {
        return new Outcome("none", PacketResult.REFUSED, lastMn, refused.bytes(),
                Optional.of(new Outcome.Rejection(refused.fault(), refused.detail())), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private Outcome frame(Scanned.Frame received) {
        Scanned.Frame frame;
        try {
            frame = decrypted(received);
        } catch (UnreadablePacketException e) {
            return new Outcome("none", PacketResult.REFUSED, lastMn, received.bytes(),
                    Optional.of(new Outcome.Rejection(PacketFault.UNPARSEABLE_FIELD, e.getMessage())), List.of(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        Packet packet;
        try {
            packet = PacketParser.parse(frame.dataSegmentText());
        } catch (UnreadablePacketException e) {
            PacketFault fault = frame.crcMatches() ? PacketFault.UNPARSEABLE_FIELD : PacketFault.BAD_CRC;
            String detail = frame.crcMatches() ? e.getMessage() : crcDetail(frame) + "; and " + e.getMessage();
            return new Outcome("none", PacketResult.REFUSED, lastMn, frame.bytes(),
                    Optional.of(new Outcome.Rejection(fault, detail)), List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        if (!frame.crcMatches()) {
            return refusal(frame, packet, PacketFault.BAD_CRC, crcDetail(frame), Answers.QN_RTN_CRC_ERROR,
                    Optional.empty());
        }
        Optional<Device> device = devices.find(packet.mn()).filter(Device::getActive);
        if (device.isEmpty()) {
            return refusal(frame, packet, PacketFault.UNKNOWN_DEVICE, "no active device with MN '" + packet.mn() + "'",
                    Answers.QN_RTN_MN_ERROR, Optional.empty());
        }
        lastMn = packet.mn();
        Optional<String> enterprise = Optional.of(device.get().getEnterpriseId());
        if (!device.get().getPassword().equals(packet.pw())) {
            return refusal(frame, packet, PacketFault.BAD_PASSWORD, "PW does not match device " + packet.mn(),
                    Answers.QN_RTN_PW_ERROR, enterprise);
        }
        CommandCatalog.Kind kind = CommandCatalog.kindOf(packet.cn());
        if (kind == CommandCatalog.Kind.UNSUPPORTED) {
            return refusal(frame, packet, PacketFault.UNSUPPORTED_COMMAND, "CN " + packet.cn()
                    + " is not a command the platform takes from a device", Answers.QN_RTN_CN_ERROR, enterprise);
        }
        Optional<byte[]> answer = answer(packet, kind);
        if (packet.split()) {
            Optional<Packet> whole = assembler.add(packet);
            if (whole.isEmpty()) {
                return new Outcome(packet.cn(), PacketResult.PART, packet.mn(), frame.bytes(), Optional.empty(),
                        List.of(), answer, enterprise, Optional.empty());
            }
            packet = whole.get();
        }
        return data(frame, packet, device.get(), answer);
    }

    /**
     * The frame with its CP region decrypted when its sender is a device configured for SM4 and the command is one
     * HJ 212-2025 encrypts (2000-2999, 1014 and 3020 [R]); otherwise the frame as it came. The sender is found by the
     * MN of the plaintext header; what it says is judged afterwards like any packet's.
     */
    private Scanned.Frame decrypted(Scanned.Frame frame) throws UnreadablePacketException {
        java.util.Map<String, String> header;
        try {
            header = PacketParser.header(frame.dataSegmentText());
        } catch (UnreadablePacketException e) {
            return frame; // judged, and refused, as any unreadable packet
        }
        Optional<Device> sender = Optional.ofNullable(header.get("MN")).flatMap(devices::find);
        if (sender.isEmpty() || sender.get().getEncryption().getScheme() != EncryptionScheme.SM4
                || !CommandCatalog.isEncrypted(header.getOrDefault("CN", ""))) {
            return frame;
        }
        DeviceEncryption settings = sender.get().getEncryption();
        CpRegionCipher cipher;
        try {
            cipher = new CpRegionCipher(settings.getKeyHex(), settings.getCipherTextEncoding()
                    == CipherTextEncoding.RAW ? CpRegionCipher.Encoding.RAW : CpRegionCipher.Encoding.HEX);
        } catch (IllegalArgumentException e) {
            throw new UnreadablePacketException("device " + header.get("MN") + " is set for SM4 without a usable"
                    + " key: " + e.getMessage());
        }
        return frame.withPlainDataSegment(cipher.decrypt(frame.dataSegment()));
    }

    private Outcome data(Scanned.Frame frame, Packet packet, Device device, Optional<byte[]> answer) {
        activity.heard(packet, device);
        Optional<String> enterprise = Optional.of(device.getEnterpriseId());
        Optional<String> eventId = packet.field("DataTime")
                .map(time -> WastewaterSampleMapper.eventId(packet.mn(), packet.cn(), time));
        if (FlueGasSampleMapper.FLUE_GAS_SYSTEMS.contains(packet.st())) {
            return flueGasData(frame, packet, answer, enterprise, eventId, device);
        }
        try {
            if (water.map(packet, device) instanceof WastewaterSampleMapper.Accountable accountable) {
                WastewaterSample sample = accountable.sample();
                return new Outcome(packet.cn(), PacketResult.ACCOUNTED, packet.mn(), frame.bytes(),
                        Optional.empty(), List.of(sample), answer, enterprise, eventId);
            }
            return new Outcome(packet.cn(), PacketResult.KEPT, packet.mn(), frame.bytes(), Optional.empty(),
                    List.of(), answer, enterprise, eventId);
        } catch (UnreadablePacketException e) {
            return new Outcome(packet.cn(), PacketResult.REFUSED, packet.mn(), frame.bytes(),
                    Optional.of(new Outcome.Rejection(PacketFault.UNPARSEABLE_FIELD, e.getMessage())), List.of(),
                    answer, enterprise, eventId);
        }
    }

    private Outcome flueGasData(Scanned.Frame frame, Packet packet, Optional<byte[]> answer,
                                Optional<String> enterprise, Optional<String> eventId, Device device) {
        try {
            FlueGasSampleMapper.Mapping mapping = flueGas.map(packet, device);
            if (mapping instanceof FlueGasSampleMapper.Accountable accountable) {
                List<FlueGasSample> samples = List.of(accountable.sample());
                return new Outcome(packet.cn(), PacketResult.ACCOUNTED, packet.mn(), frame.bytes(),
                        Optional.empty(), List.of(), answer, enterprise, eventId, samples);
            }
            if (mapping instanceof FlueGasSampleMapper.NoStack noStack) {
                return new Outcome(packet.cn(), PacketResult.REFUSED, packet.mn(), frame.bytes(),
                        Optional.of(new Outcome.Rejection(PacketFault.UNKNOWN_STACK, noStack.why())), List.of(),
                        answer, enterprise, eventId);
            }
            return new Outcome(packet.cn(), PacketResult.KEPT, packet.mn(), frame.bytes(), Optional.empty(),
                    List.of(), answer, enterprise, eventId);
        } catch (UnreadablePacketException e) {
            return new Outcome(packet.cn(), PacketResult.REFUSED, packet.mn(), frame.bytes(),
                    Optional.of(new Outcome.Rejection(PacketFault.UNPARSEABLE_FIELD, e.getMessage())), List.of(),
                    answer, enterprise, eventId);
        }
    }

    private static Optional<byte[]> answer(Packet packet, CommandCatalog.Kind kind) {
        return switch (kind) {
            case UPLOAD -> packet.answerRequested() ? Optional.of(Answers.dataAnswer(packet)) : Optional.empty();
            case NOTIFICATION -> packet.answerRequested() || packet.cn().equals(CommandCatalog.HEARTBEAT)
                    ? Optional.of(Answers.notificationAnswer(packet)) : Optional.empty();
            case DEVICE_ANSWER, UNSUPPORTED -> Optional.empty();
        };
    }

    private Outcome refusal(Scanned.Frame frame, Packet packet, PacketFault fault, String detail, int qnRtn,
                            Optional<String> enterprise) {
        return new Outcome(packet.cn(), PacketResult.REFUSED, packet.mn().isEmpty() ? lastMn : packet.mn(),
                frame.bytes(), Optional.of(new Outcome.Rejection(fault, detail)), List.of(),
                Optional.of(Answers.requestAnswer(packet, qnRtn)), enterprise, Optional.empty());
    }

    private static String crcDetail(Scanned.Frame frame) {
        return "CRC sent " + frame.sentCrc() + ", CRC of the data segment " + Hj212Crc.hex(frame.computedCrc());
    }
}
