package org.parkwatch.simulator.hj212;

import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.CipherTextEncoding;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.DeviceEncryption;
import org.parkwatch.avro.EncryptionScheme;
import org.parkwatch.avro.Hj212Version;
import org.parkwatch.gateway.hj212.ProtocolVersion;
import org.parkwatch.simulator.EnterpriseSpec;

/**
 * The CEMS of one simulated stack (HJ 212 system code 31).
 *
 * @param index      position in its fleet, after the water loggers, from 0: what its faults are drawn by
 * @param mn         the MN it sends
 * @param password   the PW it sends
 * @param enterprise the enterprise whose stack it measures
 * @param stackIndex which of the enterprise's stacks
 * @param version    the revision of HJ 212 it speaks (its Flag: 5 for 2017, 9 for 2025)
 */
public record SimulatedCems(int index, String mn, String password, EnterpriseSpec enterprise, int stackIndex,
                            ProtocolVersion version) {

    public String stackId() {
        return enterprise.stacks().get(stackIndex).stackId();
    }

    /** Its registration on the devices topic, as {@code device --stack} writes one: hourly data accounted. */
    public Device record() {
        return Device.newBuilder().setMn(mn).setPassword(password).setEnterpriseId(enterprise.enterpriseId())
                .setOutletId(null).setStackId(stackId())
                .setProtocolVersion(version == ProtocolVersion.HJ212_2025 ? Hj212Version.HJ212_2025
                        : Hj212Version.HJ212_2017)
                .setEncryption(new DeviceEncryption(EncryptionScheme.NONE, null, CipherTextEncoding.HEX))
                .setRealTimeIntervalSeconds(60).setMinuteIntervalMinutes(null).setSendsHourly(true)
                .setSendsDaily(false).setAccountedGranularity(AccountedGranularity.HOURLY).setActive(true)
                .build();
    }
}
