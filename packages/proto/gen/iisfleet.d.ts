import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace iisfleet. */
export namespace iisfleet {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a CommandEnvelope.
         * @deprecated Use iisfleet.v1.CommandEnvelope.$Properties instead.
         */
        interface ICommandEnvelope extends iisfleet.v1.CommandEnvelope.$Properties {
        }

        /** Represents a CommandEnvelope. */
        class CommandEnvelope {

            /**
             * Constructs a new CommandEnvelope.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.CommandEnvelope.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CommandEnvelope command. */
            command: Uint8Array;

            /** CommandEnvelope signature. */
            signature?: (iisfleet.v1.Signature.$Properties|null);

            /**
             * Creates a new CommandEnvelope instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CommandEnvelope instance
             */
            static create(properties: iisfleet.v1.CommandEnvelope.$Shape): iisfleet.v1.CommandEnvelope & iisfleet.v1.CommandEnvelope.$Shape;
            static create(properties?: iisfleet.v1.CommandEnvelope.$Properties): iisfleet.v1.CommandEnvelope;

            /**
             * Encodes the specified CommandEnvelope message. Does not implicitly {@link iisfleet.v1.CommandEnvelope.verify|verify} messages.
             * @param m CommandEnvelope message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.CommandEnvelope.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified CommandEnvelope message, length delimited. Does not implicitly {@link iisfleet.v1.CommandEnvelope.verify|verify} messages.
             * @param message CommandEnvelope message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.CommandEnvelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CommandEnvelope message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.CommandEnvelope & iisfleet.v1.CommandEnvelope.$Shape} CommandEnvelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.CommandEnvelope & iisfleet.v1.CommandEnvelope.$Shape;

            /**
             * Decodes a CommandEnvelope message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.CommandEnvelope & iisfleet.v1.CommandEnvelope.$Shape} CommandEnvelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.CommandEnvelope & iisfleet.v1.CommandEnvelope.$Shape;

            /**
             * Verifies a CommandEnvelope message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a CommandEnvelope message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns CommandEnvelope
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.CommandEnvelope;

            /**
             * Creates a plain object from a CommandEnvelope message. Also converts values to other types if specified.
             * @param m CommandEnvelope
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.CommandEnvelope, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CommandEnvelope to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for CommandEnvelope
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CommandEnvelope {

            /** Properties of a CommandEnvelope. */
            interface $Properties {

                /** CommandEnvelope command */
                command?: (Uint8Array|null);

                /** CommandEnvelope signature */
                signature?: (iisfleet.v1.Signature.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CommandEnvelope. */
            type $Shape = iisfleet.v1.CommandEnvelope.$Properties;
        }

        /**
         * Properties of a Signature.
         * @deprecated Use iisfleet.v1.Signature.$Properties instead.
         */
        interface ISignature extends iisfleet.v1.Signature.$Properties {
        }

        /** Represents a Signature. */
        class Signature {

            /**
             * Constructs a new Signature.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.Signature.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Signature keyId. */
            keyId: string;

            /** Signature value. */
            value: Uint8Array;

            /**
             * Creates a new Signature instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Signature instance
             */
            static create(properties: iisfleet.v1.Signature.$Shape): iisfleet.v1.Signature & iisfleet.v1.Signature.$Shape;
            static create(properties?: iisfleet.v1.Signature.$Properties): iisfleet.v1.Signature;

            /**
             * Encodes the specified Signature message. Does not implicitly {@link iisfleet.v1.Signature.verify|verify} messages.
             * @param m Signature message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.Signature.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Signature message, length delimited. Does not implicitly {@link iisfleet.v1.Signature.verify|verify} messages.
             * @param message Signature message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.Signature.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Signature message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.Signature & iisfleet.v1.Signature.$Shape} Signature
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.Signature & iisfleet.v1.Signature.$Shape;

            /**
             * Decodes a Signature message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.Signature & iisfleet.v1.Signature.$Shape} Signature
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.Signature & iisfleet.v1.Signature.$Shape;

            /**
             * Verifies a Signature message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Signature message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Signature
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.Signature;

            /**
             * Creates a plain object from a Signature message. Also converts values to other types if specified.
             * @param m Signature
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.Signature, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Signature to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Signature
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Signature {

            /** Properties of a Signature. */
            interface $Properties {

                /** Signature keyId */
                keyId?: (string|null);

                /** Signature value */
                value?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Signature. */
            type $Shape = iisfleet.v1.Signature.$Properties;
        }

        /**
         * Properties of a Command.
         * @deprecated Use iisfleet.v1.Command.$Properties instead.
         */
        interface ICommand extends iisfleet.v1.Command.$Properties {
        }

        /** Represents a Command. */
        class Command {

            /**
             * Constructs a new Command.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.Command.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Command commandId. */
            commandId: string;

            /** Command issuer. */
            issuer: string;

            /** Command targetHost. */
            targetHost: string;

            /** Command issuedAtMs. */
            issuedAtMs: number;

            /** Command expiresAtMs. */
            expiresAtMs: number;

            /** Command nonce. */
            nonce: Uint8Array;

            /** Command term. */
            term: number;

            /** Command reset. */
            reset?: (iisfleet.v1.ResetRequest.$Properties|null);

            /** Command outcome. */
            outcome?: (iisfleet.v1.OutcomeQuery.$Properties|null);

            /** Command cordon. */
            cordon?: (iisfleet.v1.CordonRequest.$Properties|null);

            /** Command lbMember. */
            lbMember?: (iisfleet.v1.LbMemberRequest.$Properties|null);

            /** Command targetedReset. */
            targetedReset?: (iisfleet.v1.ResetRequest.$Properties|null);

            /** Command body. */
            body?: ("reset"|"outcome"|"cordon"|"lbMember"|"targetedReset");

            /**
             * Creates a new Command instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Command instance
             */
            static create(properties: iisfleet.v1.Command.$Shape): iisfleet.v1.Command & iisfleet.v1.Command.$Shape;
            static create(properties?: iisfleet.v1.Command.$Properties): iisfleet.v1.Command;

            /**
             * Encodes the specified Command message. Does not implicitly {@link iisfleet.v1.Command.verify|verify} messages.
             * @param m Command message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.Command.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Command message, length delimited. Does not implicitly {@link iisfleet.v1.Command.verify|verify} messages.
             * @param message Command message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.Command.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Command message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.Command & iisfleet.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.Command & iisfleet.v1.Command.$Shape;

            /**
             * Decodes a Command message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.Command & iisfleet.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.Command & iisfleet.v1.Command.$Shape;

            /**
             * Verifies a Command message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Command message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Command
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.Command;

            /**
             * Creates a plain object from a Command message. Also converts values to other types if specified.
             * @param m Command
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.Command, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Command to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Command
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Command {

            /** Properties of a Command. */
            interface $Properties {

                /** Command commandId */
                commandId?: (string|null);

                /** Command issuer */
                issuer?: (string|null);

                /** Command targetHost */
                targetHost?: (string|null);

                /** Command issuedAtMs */
                issuedAtMs?: (number|null);

                /** Command expiresAtMs */
                expiresAtMs?: (number|null);

                /** Command nonce */
                nonce?: (Uint8Array|null);

                /** Command term */
                term?: (number|null);

                /** Command reset */
                reset?: (iisfleet.v1.ResetRequest.$Properties|null);

                /** Command outcome */
                outcome?: (iisfleet.v1.OutcomeQuery.$Properties|null);

                /** Command cordon */
                cordon?: (iisfleet.v1.CordonRequest.$Properties|null);

                /** Command lbMember */
                lbMember?: (iisfleet.v1.LbMemberRequest.$Properties|null);

                /** Command targetedReset */
                targetedReset?: (iisfleet.v1.ResetRequest.$Properties|null);

                /** Command body */
                body?: ("reset"|"outcome"|"cordon"|"lbMember"|"targetedReset");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a Command. */
            type $Shape = {
              commandId?: string|null;
              issuer?: string|null;
              targetHost?: string|null;
              issuedAtMs?: number|null;
              expiresAtMs?: number|null;
              nonce?: Uint8Array|null;
              term?: number|null;
              reset?: iisfleet.v1.ResetRequest.$Shape|null;
              outcome?: iisfleet.v1.OutcomeQuery.$Shape|null;
              cordon?: iisfleet.v1.CordonRequest.$Shape|null;
              lbMember?: iisfleet.v1.LbMemberRequest.$Shape|null;
              targetedReset?: iisfleet.v1.ResetRequest.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; reset?: null; outcome?: null; cordon?: null; lbMember?: null; targetedReset?: null }|{ body?: "reset"; reset: iisfleet.v1.ResetRequest.$Shape; outcome?: null; cordon?: null; lbMember?: null; targetedReset?: null }|{ body?: "outcome"; reset?: null; outcome: iisfleet.v1.OutcomeQuery.$Shape; cordon?: null; lbMember?: null; targetedReset?: null }|{ body?: "cordon"; reset?: null; outcome?: null; cordon: iisfleet.v1.CordonRequest.$Shape; lbMember?: null; targetedReset?: null }|{ body?: "lbMember"; reset?: null; outcome?: null; cordon?: null; lbMember: iisfleet.v1.LbMemberRequest.$Shape; targetedReset?: null }|{ body?: "targetedReset"; reset?: null; outcome?: null; cordon?: null; lbMember?: null; targetedReset: iisfleet.v1.ResetRequest.$Shape })
            );
        }

        /** Operation enum. */
        enum Operation {

            /** OPERATION_UNSPECIFIED value */
            OPERATION_UNSPECIFIED = 0,

            /** OPERATION_RESTART value */
            OPERATION_RESTART = 1,

            /** OPERATION_STOP value */
            OPERATION_STOP = 2,

            /** OPERATION_START value */
            OPERATION_START = 3
        }

        /** ResetLevel enum. */
        enum ResetLevel {

            /** RESET_LEVEL_UNSPECIFIED value */
            RESET_LEVEL_UNSPECIFIED = 0,

            /** RESET_LEVEL_RECYCLE value */
            RESET_LEVEL_RECYCLE = 1,

            /** RESET_LEVEL_W3SVC value */
            RESET_LEVEL_W3SVC = 2,

            /** RESET_LEVEL_IIS value */
            RESET_LEVEL_IIS = 3,

            /** RESET_LEVEL_HTTP value */
            RESET_LEVEL_HTTP = 4,

            /** RESET_LEVEL_SITE value */
            RESET_LEVEL_SITE = 5
        }

        /**
         * Properties of a ResetRequest.
         * @deprecated Use iisfleet.v1.ResetRequest.$Properties instead.
         */
        interface IResetRequest extends iisfleet.v1.ResetRequest.$Properties {
        }

        /** Represents a ResetRequest. */
        class ResetRequest {

            /**
             * Constructs a new ResetRequest.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.ResetRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ResetRequest operation. */
            operation: iisfleet.v1.Operation;

            /** ResetRequest level. */
            level: iisfleet.v1.ResetLevel;

            /** ResetRequest force. */
            force: boolean;

            /** ResetRequest timeoutMs. */
            timeoutMs: number;

            /** ResetRequest rebootOnError. */
            rebootOnError: boolean;

            /** ResetRequest skipHealth. */
            skipHealth: boolean;

            /** ResetRequest pools. */
            pools: string[];

            /** ResetRequest startStopped. */
            startStopped: boolean;

            /** ResetRequest sites. */
            sites: string[];

            /**
             * Creates a new ResetRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ResetRequest instance
             */
            static create(properties: iisfleet.v1.ResetRequest.$Shape): iisfleet.v1.ResetRequest & iisfleet.v1.ResetRequest.$Shape;
            static create(properties?: iisfleet.v1.ResetRequest.$Properties): iisfleet.v1.ResetRequest;

            /**
             * Encodes the specified ResetRequest message. Does not implicitly {@link iisfleet.v1.ResetRequest.verify|verify} messages.
             * @param m ResetRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.ResetRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ResetRequest message, length delimited. Does not implicitly {@link iisfleet.v1.ResetRequest.verify|verify} messages.
             * @param message ResetRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.ResetRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ResetRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.ResetRequest & iisfleet.v1.ResetRequest.$Shape} ResetRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.ResetRequest & iisfleet.v1.ResetRequest.$Shape;

            /**
             * Decodes a ResetRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.ResetRequest & iisfleet.v1.ResetRequest.$Shape} ResetRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.ResetRequest & iisfleet.v1.ResetRequest.$Shape;

            /**
             * Verifies a ResetRequest message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a ResetRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns ResetRequest
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.ResetRequest;

            /**
             * Creates a plain object from a ResetRequest message. Also converts values to other types if specified.
             * @param m ResetRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.ResetRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ResetRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ResetRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ResetRequest {

            /** Properties of a ResetRequest. */
            interface $Properties {

                /** ResetRequest operation */
                operation?: (iisfleet.v1.Operation|null);

                /** ResetRequest level */
                level?: (iisfleet.v1.ResetLevel|null);

                /** ResetRequest force */
                force?: (boolean|null);

                /** ResetRequest timeoutMs */
                timeoutMs?: (number|null);

                /** ResetRequest rebootOnError */
                rebootOnError?: (boolean|null);

                /** ResetRequest skipHealth */
                skipHealth?: (boolean|null);

                /** ResetRequest pools */
                pools?: (string[]|null);

                /** ResetRequest startStopped */
                startStopped?: (boolean|null);

                /** ResetRequest sites */
                sites?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ResetRequest. */
            type $Shape = iisfleet.v1.ResetRequest.$Properties;
        }

        /**
         * Properties of a CordonRequest.
         * @deprecated Use iisfleet.v1.CordonRequest.$Properties instead.
         */
        interface ICordonRequest extends iisfleet.v1.CordonRequest.$Properties {
        }

        /** Represents a CordonRequest. */
        class CordonRequest {

            /**
             * Constructs a new CordonRequest.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.CordonRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CordonRequest cordoned. */
            cordoned: boolean;

            /** CordonRequest reason. */
            reason: string;

            /**
             * Creates a new CordonRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CordonRequest instance
             */
            static create(properties: iisfleet.v1.CordonRequest.$Shape): iisfleet.v1.CordonRequest & iisfleet.v1.CordonRequest.$Shape;
            static create(properties?: iisfleet.v1.CordonRequest.$Properties): iisfleet.v1.CordonRequest;

            /**
             * Encodes the specified CordonRequest message. Does not implicitly {@link iisfleet.v1.CordonRequest.verify|verify} messages.
             * @param m CordonRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.CordonRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified CordonRequest message, length delimited. Does not implicitly {@link iisfleet.v1.CordonRequest.verify|verify} messages.
             * @param message CordonRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.CordonRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CordonRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.CordonRequest & iisfleet.v1.CordonRequest.$Shape} CordonRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.CordonRequest & iisfleet.v1.CordonRequest.$Shape;

            /**
             * Decodes a CordonRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.CordonRequest & iisfleet.v1.CordonRequest.$Shape} CordonRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.CordonRequest & iisfleet.v1.CordonRequest.$Shape;

            /**
             * Verifies a CordonRequest message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a CordonRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns CordonRequest
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.CordonRequest;

            /**
             * Creates a plain object from a CordonRequest message. Also converts values to other types if specified.
             * @param m CordonRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.CordonRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CordonRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for CordonRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CordonRequest {

            /** Properties of a CordonRequest. */
            interface $Properties {

                /** CordonRequest cordoned */
                cordoned?: (boolean|null);

                /** CordonRequest reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CordonRequest. */
            type $Shape = iisfleet.v1.CordonRequest.$Properties;
        }

        /**
         * Properties of a LbMemberRequest.
         * @deprecated Use iisfleet.v1.LbMemberRequest.$Properties instead.
         */
        interface ILbMemberRequest extends iisfleet.v1.LbMemberRequest.$Properties {
        }

        /** Represents a LbMemberRequest. */
        class LbMemberRequest {

            /**
             * Constructs a new LbMemberRequest.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.LbMemberRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LbMemberRequest webFarm. */
            webFarm: string;

            /** LbMemberRequest server. */
            server: string;

            /** LbMemberRequest action. */
            action: iisfleet.v1.LbMemberAction;

            /**
             * Creates a new LbMemberRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LbMemberRequest instance
             */
            static create(properties: iisfleet.v1.LbMemberRequest.$Shape): iisfleet.v1.LbMemberRequest & iisfleet.v1.LbMemberRequest.$Shape;
            static create(properties?: iisfleet.v1.LbMemberRequest.$Properties): iisfleet.v1.LbMemberRequest;

            /**
             * Encodes the specified LbMemberRequest message. Does not implicitly {@link iisfleet.v1.LbMemberRequest.verify|verify} messages.
             * @param m LbMemberRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.LbMemberRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified LbMemberRequest message, length delimited. Does not implicitly {@link iisfleet.v1.LbMemberRequest.verify|verify} messages.
             * @param message LbMemberRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.LbMemberRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LbMemberRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.LbMemberRequest & iisfleet.v1.LbMemberRequest.$Shape} LbMemberRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.LbMemberRequest & iisfleet.v1.LbMemberRequest.$Shape;

            /**
             * Decodes a LbMemberRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.LbMemberRequest & iisfleet.v1.LbMemberRequest.$Shape} LbMemberRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.LbMemberRequest & iisfleet.v1.LbMemberRequest.$Shape;

            /**
             * Verifies a LbMemberRequest message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a LbMemberRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns LbMemberRequest
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.LbMemberRequest;

            /**
             * Creates a plain object from a LbMemberRequest message. Also converts values to other types if specified.
             * @param m LbMemberRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.LbMemberRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LbMemberRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for LbMemberRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LbMemberRequest {

            /** Properties of a LbMemberRequest. */
            interface $Properties {

                /** LbMemberRequest webFarm */
                webFarm?: (string|null);

                /** LbMemberRequest server */
                server?: (string|null);

                /** LbMemberRequest action */
                action?: (iisfleet.v1.LbMemberAction|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LbMemberRequest. */
            type $Shape = iisfleet.v1.LbMemberRequest.$Properties;
        }

        /** LbMemberAction enum. */
        enum LbMemberAction {

            /** LB_MEMBER_ACTION_UNSPECIFIED value */
            LB_MEMBER_ACTION_UNSPECIFIED = 0,

            /** LB_MEMBER_ACTION_STATUS value */
            LB_MEMBER_ACTION_STATUS = 1,

            /** LB_MEMBER_ACTION_DRAIN value */
            LB_MEMBER_ACTION_DRAIN = 2,

            /** LB_MEMBER_ACTION_AVAILABLE value */
            LB_MEMBER_ACTION_AVAILABLE = 3
        }

        /** LbMemberState enum. */
        enum LbMemberState {

            /** LB_MEMBER_STATE_UNSPECIFIED value */
            LB_MEMBER_STATE_UNSPECIFIED = 0,

            /** LB_MEMBER_STATE_AVAILABLE value */
            LB_MEMBER_STATE_AVAILABLE = 1,

            /** LB_MEMBER_STATE_DRAIN value */
            LB_MEMBER_STATE_DRAIN = 2,

            /** LB_MEMBER_STATE_UNAVAILABLE value */
            LB_MEMBER_STATE_UNAVAILABLE = 3
        }

        /**
         * Properties of a LbMemberStatus.
         * @deprecated Use iisfleet.v1.LbMemberStatus.$Properties instead.
         */
        interface ILbMemberStatus extends iisfleet.v1.LbMemberStatus.$Properties {
        }

        /** Represents a LbMemberStatus. */
        class LbMemberStatus {

            /**
             * Constructs a new LbMemberStatus.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.LbMemberStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LbMemberStatus webFarm. */
            webFarm: string;

            /** LbMemberStatus server. */
            server: string;

            /** LbMemberStatus state. */
            state: iisfleet.v1.LbMemberState;

            /** LbMemberStatus healthy. */
            healthy: boolean;

            /** LbMemberStatus currentRequests. */
            currentRequests: number;

            /** LbMemberStatus totalRequests. */
            totalRequests: number;

            /**
             * Creates a new LbMemberStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LbMemberStatus instance
             */
            static create(properties: iisfleet.v1.LbMemberStatus.$Shape): iisfleet.v1.LbMemberStatus & iisfleet.v1.LbMemberStatus.$Shape;
            static create(properties?: iisfleet.v1.LbMemberStatus.$Properties): iisfleet.v1.LbMemberStatus;

            /**
             * Encodes the specified LbMemberStatus message. Does not implicitly {@link iisfleet.v1.LbMemberStatus.verify|verify} messages.
             * @param m LbMemberStatus message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.LbMemberStatus.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified LbMemberStatus message, length delimited. Does not implicitly {@link iisfleet.v1.LbMemberStatus.verify|verify} messages.
             * @param message LbMemberStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.LbMemberStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LbMemberStatus message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.LbMemberStatus & iisfleet.v1.LbMemberStatus.$Shape} LbMemberStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.LbMemberStatus & iisfleet.v1.LbMemberStatus.$Shape;

            /**
             * Decodes a LbMemberStatus message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.LbMemberStatus & iisfleet.v1.LbMemberStatus.$Shape} LbMemberStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.LbMemberStatus & iisfleet.v1.LbMemberStatus.$Shape;

            /**
             * Verifies a LbMemberStatus message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a LbMemberStatus message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns LbMemberStatus
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.LbMemberStatus;

            /**
             * Creates a plain object from a LbMemberStatus message. Also converts values to other types if specified.
             * @param m LbMemberStatus
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.LbMemberStatus, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LbMemberStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for LbMemberStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LbMemberStatus {

            /** Properties of a LbMemberStatus. */
            interface $Properties {

                /** LbMemberStatus webFarm */
                webFarm?: (string|null);

                /** LbMemberStatus server */
                server?: (string|null);

                /** LbMemberStatus state */
                state?: (iisfleet.v1.LbMemberState|null);

                /** LbMemberStatus healthy */
                healthy?: (boolean|null);

                /** LbMemberStatus currentRequests */
                currentRequests?: (number|null);

                /** LbMemberStatus totalRequests */
                totalRequests?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LbMemberStatus. */
            type $Shape = iisfleet.v1.LbMemberStatus.$Properties;
        }

        /**
         * Properties of an OutcomeQuery.
         * @deprecated Use iisfleet.v1.OutcomeQuery.$Properties instead.
         */
        interface IOutcomeQuery extends iisfleet.v1.OutcomeQuery.$Properties {
        }

        /** Represents an OutcomeQuery. */
        class OutcomeQuery {

            /**
             * Constructs a new OutcomeQuery.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.OutcomeQuery.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OutcomeQuery commandId. */
            commandId: string;

            /**
             * Creates a new OutcomeQuery instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OutcomeQuery instance
             */
            static create(properties: iisfleet.v1.OutcomeQuery.$Shape): iisfleet.v1.OutcomeQuery & iisfleet.v1.OutcomeQuery.$Shape;
            static create(properties?: iisfleet.v1.OutcomeQuery.$Properties): iisfleet.v1.OutcomeQuery;

            /**
             * Encodes the specified OutcomeQuery message. Does not implicitly {@link iisfleet.v1.OutcomeQuery.verify|verify} messages.
             * @param m OutcomeQuery message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.OutcomeQuery.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified OutcomeQuery message, length delimited. Does not implicitly {@link iisfleet.v1.OutcomeQuery.verify|verify} messages.
             * @param message OutcomeQuery message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.OutcomeQuery.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OutcomeQuery message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.OutcomeQuery & iisfleet.v1.OutcomeQuery.$Shape} OutcomeQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.OutcomeQuery & iisfleet.v1.OutcomeQuery.$Shape;

            /**
             * Decodes an OutcomeQuery message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.OutcomeQuery & iisfleet.v1.OutcomeQuery.$Shape} OutcomeQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.OutcomeQuery & iisfleet.v1.OutcomeQuery.$Shape;

            /**
             * Verifies an OutcomeQuery message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an OutcomeQuery message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns OutcomeQuery
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.OutcomeQuery;

            /**
             * Creates a plain object from an OutcomeQuery message. Also converts values to other types if specified.
             * @param m OutcomeQuery
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.OutcomeQuery, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OutcomeQuery to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for OutcomeQuery
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace OutcomeQuery {

            /** Properties of an OutcomeQuery. */
            interface $Properties {

                /** OutcomeQuery commandId */
                commandId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OutcomeQuery. */
            type $Shape = iisfleet.v1.OutcomeQuery.$Properties;
        }

        /** Outcome enum. */
        enum Outcome {

            /** OUTCOME_UNSPECIFIED value */
            OUTCOME_UNSPECIFIED = 0,

            /** OUTCOME_SUCCEEDED value */
            OUTCOME_SUCCEEDED = 1,

            /** OUTCOME_FAILED value */
            OUTCOME_FAILED = 2,

            /** OUTCOME_REJECTED value */
            OUTCOME_REJECTED = 3,

            /** OUTCOME_UNKNOWN_COMMAND value */
            OUTCOME_UNKNOWN_COMMAND = 4,

            /** OUTCOME_IN_PROGRESS value */
            OUTCOME_IN_PROGRESS = 5
        }

        /** ServiceState enum. */
        enum ServiceState {

            /** SERVICE_STATE_UNSPECIFIED value */
            SERVICE_STATE_UNSPECIFIED = 0,

            /** SERVICE_STATE_STOPPED value */
            SERVICE_STATE_STOPPED = 1,

            /** SERVICE_STATE_START_PENDING value */
            SERVICE_STATE_START_PENDING = 2,

            /** SERVICE_STATE_STOP_PENDING value */
            SERVICE_STATE_STOP_PENDING = 3,

            /** SERVICE_STATE_RUNNING value */
            SERVICE_STATE_RUNNING = 4,

            /** SERVICE_STATE_CONTINUE_PENDING value */
            SERVICE_STATE_CONTINUE_PENDING = 5,

            /** SERVICE_STATE_PAUSE_PENDING value */
            SERVICE_STATE_PAUSE_PENDING = 6,

            /** SERVICE_STATE_PAUSED value */
            SERVICE_STATE_PAUSED = 7,

            /** SERVICE_STATE_NOT_INSTALLED value */
            SERVICE_STATE_NOT_INSTALLED = 100
        }

        /** StepAction enum. */
        enum StepAction {

            /** STEP_ACTION_UNSPECIFIED value */
            STEP_ACTION_UNSPECIFIED = 0,

            /** STEP_ACTION_STOP value */
            STEP_ACTION_STOP = 1,

            /** STEP_ACTION_START value */
            STEP_ACTION_START = 2,

            /** STEP_ACTION_KILL_PROCESS value */
            STEP_ACTION_KILL_PROCESS = 3,

            /** STEP_ACTION_RECYCLE_POOL value */
            STEP_ACTION_RECYCLE_POOL = 4,

            /** STEP_ACTION_PROBE value */
            STEP_ACTION_PROBE = 5,

            /** STEP_ACTION_REBOOT value */
            STEP_ACTION_REBOOT = 6,

            /** STEP_ACTION_STOP_SITE value */
            STEP_ACTION_STOP_SITE = 7,

            /** STEP_ACTION_START_SITE value */
            STEP_ACTION_START_SITE = 8,

            /** STEP_ACTION_START_POOL value */
            STEP_ACTION_START_POOL = 9
        }

        /**
         * Properties of a Step.
         * @deprecated Use iisfleet.v1.Step.$Properties instead.
         */
        interface IStep extends iisfleet.v1.Step.$Properties {
        }

        /** Represents a Step. */
        class Step {

            /**
             * Constructs a new Step.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.Step.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Step seq. */
            seq: number;

            /** Step action. */
            action: iisfleet.v1.StepAction;

            /** Step target. */
            target: string;

            /** Step fromState. */
            fromState: iisfleet.v1.ServiceState;

            /** Step toState. */
            toState: iisfleet.v1.ServiceState;

            /** Step durationMs. */
            durationMs: number;

            /** Step win32Error. */
            win32Error: number;

            /** Step message. */
            message: string;

            /** Step ok. */
            ok: boolean;

            /** Step skipped. */
            skipped: boolean;

            /**
             * Creates a new Step instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Step instance
             */
            static create(properties: iisfleet.v1.Step.$Shape): iisfleet.v1.Step & iisfleet.v1.Step.$Shape;
            static create(properties?: iisfleet.v1.Step.$Properties): iisfleet.v1.Step;

            /**
             * Encodes the specified Step message. Does not implicitly {@link iisfleet.v1.Step.verify|verify} messages.
             * @param m Step message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.Step.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Step message, length delimited. Does not implicitly {@link iisfleet.v1.Step.verify|verify} messages.
             * @param message Step message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.Step.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Step message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.Step & iisfleet.v1.Step.$Shape} Step
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.Step & iisfleet.v1.Step.$Shape;

            /**
             * Decodes a Step message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.Step & iisfleet.v1.Step.$Shape} Step
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.Step & iisfleet.v1.Step.$Shape;

            /**
             * Verifies a Step message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Step message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Step
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.Step;

            /**
             * Creates a plain object from a Step message. Also converts values to other types if specified.
             * @param m Step
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.Step, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Step to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Step
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Step {

            /** Properties of a Step. */
            interface $Properties {

                /** Step seq */
                seq?: (number|null);

                /** Step action */
                action?: (iisfleet.v1.StepAction|null);

                /** Step target */
                target?: (string|null);

                /** Step fromState */
                fromState?: (iisfleet.v1.ServiceState|null);

                /** Step toState */
                toState?: (iisfleet.v1.ServiceState|null);

                /** Step durationMs */
                durationMs?: (number|null);

                /** Step win32Error */
                win32Error?: (number|null);

                /** Step message */
                message?: (string|null);

                /** Step ok */
                ok?: (boolean|null);

                /** Step skipped */
                skipped?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Step. */
            type $Shape = iisfleet.v1.Step.$Properties;
        }

        /**
         * Properties of a CommandResult.
         * @deprecated Use iisfleet.v1.CommandResult.$Properties instead.
         */
        interface ICommandResult extends iisfleet.v1.CommandResult.$Properties {
        }

        /** Represents a CommandResult. */
        class CommandResult {

            /**
             * Constructs a new CommandResult.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.CommandResult.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CommandResult commandId. */
            commandId: string;

            /** CommandResult host. */
            host: string;

            /** CommandResult outcome. */
            outcome: iisfleet.v1.Outcome;

            /** CommandResult code. */
            code: string;

            /** CommandResult message. */
            message: string;

            /** CommandResult steps. */
            steps: iisfleet.v1.Step.$Properties[];

            /** CommandResult startedAtMs. */
            startedAtMs: number;

            /** CommandResult finishedAtMs. */
            finishedAtMs: number;

            /** CommandResult replayed. */
            replayed: boolean;

            /** CommandResult busyCommandId. */
            busyCommandId: string;

            /** CommandResult lbMember. */
            lbMember?: (iisfleet.v1.LbMemberStatus.$Properties|null);

            /**
             * Creates a new CommandResult instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CommandResult instance
             */
            static create(properties: iisfleet.v1.CommandResult.$Shape): iisfleet.v1.CommandResult & iisfleet.v1.CommandResult.$Shape;
            static create(properties?: iisfleet.v1.CommandResult.$Properties): iisfleet.v1.CommandResult;

            /**
             * Encodes the specified CommandResult message. Does not implicitly {@link iisfleet.v1.CommandResult.verify|verify} messages.
             * @param m CommandResult message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.CommandResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified CommandResult message, length delimited. Does not implicitly {@link iisfleet.v1.CommandResult.verify|verify} messages.
             * @param message CommandResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.CommandResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CommandResult message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.CommandResult & iisfleet.v1.CommandResult.$Shape} CommandResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.CommandResult & iisfleet.v1.CommandResult.$Shape;

            /**
             * Decodes a CommandResult message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.CommandResult & iisfleet.v1.CommandResult.$Shape} CommandResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.CommandResult & iisfleet.v1.CommandResult.$Shape;

            /**
             * Verifies a CommandResult message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a CommandResult message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns CommandResult
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.CommandResult;

            /**
             * Creates a plain object from a CommandResult message. Also converts values to other types if specified.
             * @param m CommandResult
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.CommandResult, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CommandResult to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for CommandResult
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CommandResult {

            /** Properties of a CommandResult. */
            interface $Properties {

                /** CommandResult commandId */
                commandId?: (string|null);

                /** CommandResult host */
                host?: (string|null);

                /** CommandResult outcome */
                outcome?: (iisfleet.v1.Outcome|null);

                /** CommandResult code */
                code?: (string|null);

                /** CommandResult message */
                message?: (string|null);

                /** CommandResult steps */
                steps?: (iisfleet.v1.Step.$Properties[]|null);

                /** CommandResult startedAtMs */
                startedAtMs?: (number|null);

                /** CommandResult finishedAtMs */
                finishedAtMs?: (number|null);

                /** CommandResult replayed */
                replayed?: (boolean|null);

                /** CommandResult busyCommandId */
                busyCommandId?: (string|null);

                /** CommandResult lbMember */
                lbMember?: (iisfleet.v1.LbMemberStatus.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CommandResult. */
            type $Shape = iisfleet.v1.CommandResult.$Properties;
        }

        /** IisGeneration enum. */
        enum IisGeneration {

            /** IIS_GENERATION_UNSPECIFIED value */
            IIS_GENERATION_UNSPECIFIED = 0,

            /** IIS_GENERATION_6 value */
            IIS_GENERATION_6 = 6,

            /** IIS_GENERATION_7_PLUS value */
            IIS_GENERATION_7_PLUS = 7
        }

        /**
         * Properties of a ServiceStatus.
         * @deprecated Use iisfleet.v1.ServiceStatus.$Properties instead.
         */
        interface IServiceStatus extends iisfleet.v1.ServiceStatus.$Properties {
        }

        /** Represents a ServiceStatus. */
        class ServiceStatus {

            /**
             * Constructs a new ServiceStatus.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.ServiceStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ServiceStatus name. */
            name: string;

            /** ServiceStatus state. */
            state: iisfleet.v1.ServiceState;

            /** ServiceStatus pid. */
            pid: number;

            /**
             * Creates a new ServiceStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ServiceStatus instance
             */
            static create(properties: iisfleet.v1.ServiceStatus.$Shape): iisfleet.v1.ServiceStatus & iisfleet.v1.ServiceStatus.$Shape;
            static create(properties?: iisfleet.v1.ServiceStatus.$Properties): iisfleet.v1.ServiceStatus;

            /**
             * Encodes the specified ServiceStatus message. Does not implicitly {@link iisfleet.v1.ServiceStatus.verify|verify} messages.
             * @param m ServiceStatus message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.ServiceStatus.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ServiceStatus message, length delimited. Does not implicitly {@link iisfleet.v1.ServiceStatus.verify|verify} messages.
             * @param message ServiceStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.ServiceStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ServiceStatus message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.ServiceStatus & iisfleet.v1.ServiceStatus.$Shape} ServiceStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.ServiceStatus & iisfleet.v1.ServiceStatus.$Shape;

            /**
             * Decodes a ServiceStatus message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.ServiceStatus & iisfleet.v1.ServiceStatus.$Shape} ServiceStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.ServiceStatus & iisfleet.v1.ServiceStatus.$Shape;

            /**
             * Verifies a ServiceStatus message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a ServiceStatus message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns ServiceStatus
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.ServiceStatus;

            /**
             * Creates a plain object from a ServiceStatus message. Also converts values to other types if specified.
             * @param m ServiceStatus
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.ServiceStatus, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ServiceStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ServiceStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ServiceStatus {

            /** Properties of a ServiceStatus. */
            interface $Properties {

                /** ServiceStatus name */
                name?: (string|null);

                /** ServiceStatus state */
                state?: (iisfleet.v1.ServiceState|null);

                /** ServiceStatus pid */
                pid?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ServiceStatus. */
            type $Shape = iisfleet.v1.ServiceStatus.$Properties;
        }

        /**
         * Properties of a SiteStatus.
         * @deprecated Use iisfleet.v1.SiteStatus.$Properties instead.
         */
        interface ISiteStatus extends iisfleet.v1.SiteStatus.$Properties {
        }

        /** Represents a SiteStatus. */
        class SiteStatus {

            /**
             * Constructs a new SiteStatus.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.SiteStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SiteStatus name. */
            name: string;

            /** SiteStatus id. */
            id: number;

            /** SiteStatus started. */
            started: boolean;

            /** SiteStatus bindings. */
            bindings: string[];

            /** SiteStatus appPool. */
            appPool: string;

            /**
             * Creates a new SiteStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SiteStatus instance
             */
            static create(properties: iisfleet.v1.SiteStatus.$Shape): iisfleet.v1.SiteStatus & iisfleet.v1.SiteStatus.$Shape;
            static create(properties?: iisfleet.v1.SiteStatus.$Properties): iisfleet.v1.SiteStatus;

            /**
             * Encodes the specified SiteStatus message. Does not implicitly {@link iisfleet.v1.SiteStatus.verify|verify} messages.
             * @param m SiteStatus message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.SiteStatus.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SiteStatus message, length delimited. Does not implicitly {@link iisfleet.v1.SiteStatus.verify|verify} messages.
             * @param message SiteStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.SiteStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SiteStatus message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.SiteStatus & iisfleet.v1.SiteStatus.$Shape} SiteStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.SiteStatus & iisfleet.v1.SiteStatus.$Shape;

            /**
             * Decodes a SiteStatus message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.SiteStatus & iisfleet.v1.SiteStatus.$Shape} SiteStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.SiteStatus & iisfleet.v1.SiteStatus.$Shape;

            /**
             * Verifies a SiteStatus message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a SiteStatus message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns SiteStatus
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.SiteStatus;

            /**
             * Creates a plain object from a SiteStatus message. Also converts values to other types if specified.
             * @param m SiteStatus
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.SiteStatus, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SiteStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SiteStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SiteStatus {

            /** Properties of a SiteStatus. */
            interface $Properties {

                /** SiteStatus name */
                name?: (string|null);

                /** SiteStatus id */
                id?: (number|null);

                /** SiteStatus started */
                started?: (boolean|null);

                /** SiteStatus bindings */
                bindings?: (string[]|null);

                /** SiteStatus appPool */
                appPool?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SiteStatus. */
            type $Shape = iisfleet.v1.SiteStatus.$Properties;
        }

        /**
         * Properties of an AppPoolStatus.
         * @deprecated Use iisfleet.v1.AppPoolStatus.$Properties instead.
         */
        interface IAppPoolStatus extends iisfleet.v1.AppPoolStatus.$Properties {
        }

        /** Represents an AppPoolStatus. */
        class AppPoolStatus {

            /**
             * Constructs a new AppPoolStatus.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.AppPoolStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AppPoolStatus name. */
            name: string;

            /** AppPoolStatus started. */
            started: boolean;

            /** AppPoolStatus workerPids. */
            workerPids: number[];

            /**
             * Creates a new AppPoolStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AppPoolStatus instance
             */
            static create(properties: iisfleet.v1.AppPoolStatus.$Shape): iisfleet.v1.AppPoolStatus & iisfleet.v1.AppPoolStatus.$Shape;
            static create(properties?: iisfleet.v1.AppPoolStatus.$Properties): iisfleet.v1.AppPoolStatus;

            /**
             * Encodes the specified AppPoolStatus message. Does not implicitly {@link iisfleet.v1.AppPoolStatus.verify|verify} messages.
             * @param m AppPoolStatus message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.AppPoolStatus.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified AppPoolStatus message, length delimited. Does not implicitly {@link iisfleet.v1.AppPoolStatus.verify|verify} messages.
             * @param message AppPoolStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.AppPoolStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AppPoolStatus message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.AppPoolStatus & iisfleet.v1.AppPoolStatus.$Shape} AppPoolStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.AppPoolStatus & iisfleet.v1.AppPoolStatus.$Shape;

            /**
             * Decodes an AppPoolStatus message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.AppPoolStatus & iisfleet.v1.AppPoolStatus.$Shape} AppPoolStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.AppPoolStatus & iisfleet.v1.AppPoolStatus.$Shape;

            /**
             * Verifies an AppPoolStatus message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an AppPoolStatus message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns AppPoolStatus
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.AppPoolStatus;

            /**
             * Creates a plain object from an AppPoolStatus message. Also converts values to other types if specified.
             * @param m AppPoolStatus
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.AppPoolStatus, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AppPoolStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for AppPoolStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace AppPoolStatus {

            /** Properties of an AppPoolStatus. */
            interface $Properties {

                /** AppPoolStatus name */
                name?: (string|null);

                /** AppPoolStatus started */
                started?: (boolean|null);

                /** AppPoolStatus workerPids */
                workerPids?: (number[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AppPoolStatus. */
            type $Shape = iisfleet.v1.AppPoolStatus.$Properties;
        }

        /**
         * Properties of a HostFacts.
         * @deprecated Use iisfleet.v1.HostFacts.$Properties instead.
         */
        interface IHostFacts extends iisfleet.v1.HostFacts.$Properties {
        }

        /** Represents a HostFacts. */
        class HostFacts {

            /**
             * Constructs a new HostFacts.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.HostFacts.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** HostFacts host. */
            host: string;

            /** HostFacts farm. */
            farm: string;

            /** HostFacts tags. */
            tags: { [k: string]: string };

            /** HostFacts iisGeneration. */
            iisGeneration: iisfleet.v1.IisGeneration;

            /** HostFacts services. */
            services: iisfleet.v1.ServiceStatus.$Properties[];

            /** HostFacts appPools. */
            appPools: iisfleet.v1.AppPoolStatus.$Properties[];

            /** HostFacts cordoned. */
            cordoned: boolean;

            /** HostFacts busyCommandId. */
            busyCommandId: string;

            /** HostFacts adapter. */
            adapter: string;

            /** HostFacts health. */
            health: iisfleet.v1.HealthState;

            /** HostFacts lastReset. */
            lastReset?: (iisfleet.v1.LastReset.$Properties|null);

            /** HostFacts cordonReason. */
            cordonReason: string;

            /** HostFacts sites. */
            sites: iisfleet.v1.SiteStatus.$Properties[];

            /**
             * Creates a new HostFacts instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HostFacts instance
             */
            static create(properties: iisfleet.v1.HostFacts.$Shape): iisfleet.v1.HostFacts & iisfleet.v1.HostFacts.$Shape;
            static create(properties?: iisfleet.v1.HostFacts.$Properties): iisfleet.v1.HostFacts;

            /**
             * Encodes the specified HostFacts message. Does not implicitly {@link iisfleet.v1.HostFacts.verify|verify} messages.
             * @param m HostFacts message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.HostFacts.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified HostFacts message, length delimited. Does not implicitly {@link iisfleet.v1.HostFacts.verify|verify} messages.
             * @param message HostFacts message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.HostFacts.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HostFacts message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.HostFacts & iisfleet.v1.HostFacts.$Shape} HostFacts
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.HostFacts & iisfleet.v1.HostFacts.$Shape;

            /**
             * Decodes a HostFacts message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.HostFacts & iisfleet.v1.HostFacts.$Shape} HostFacts
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.HostFacts & iisfleet.v1.HostFacts.$Shape;

            /**
             * Verifies a HostFacts message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a HostFacts message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns HostFacts
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.HostFacts;

            /**
             * Creates a plain object from a HostFacts message. Also converts values to other types if specified.
             * @param m HostFacts
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.HostFacts, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this HostFacts to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for HostFacts
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace HostFacts {

            /** Properties of a HostFacts. */
            interface $Properties {

                /** HostFacts host */
                host?: (string|null);

                /** HostFacts farm */
                farm?: (string|null);

                /** HostFacts tags */
                tags?: ({ [k: string]: string }|null);

                /** HostFacts iisGeneration */
                iisGeneration?: (iisfleet.v1.IisGeneration|null);

                /** HostFacts services */
                services?: (iisfleet.v1.ServiceStatus.$Properties[]|null);

                /** HostFacts appPools */
                appPools?: (iisfleet.v1.AppPoolStatus.$Properties[]|null);

                /** HostFacts cordoned */
                cordoned?: (boolean|null);

                /** HostFacts busyCommandId */
                busyCommandId?: (string|null);

                /** HostFacts adapter */
                adapter?: (string|null);

                /** HostFacts health */
                health?: (iisfleet.v1.HealthState|null);

                /** HostFacts lastReset */
                lastReset?: (iisfleet.v1.LastReset.$Properties|null);

                /** HostFacts cordonReason */
                cordonReason?: (string|null);

                /** HostFacts sites */
                sites?: (iisfleet.v1.SiteStatus.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HostFacts. */
            type $Shape = iisfleet.v1.HostFacts.$Properties;
        }

        /** HealthState enum. */
        enum HealthState {

            /** HEALTH_STATE_UNSPECIFIED value */
            HEALTH_STATE_UNSPECIFIED = 0,

            /** HEALTH_STATE_HEALTHY value */
            HEALTH_STATE_HEALTHY = 1,

            /** HEALTH_STATE_UNHEALTHY value */
            HEALTH_STATE_UNHEALTHY = 2
        }

        /**
         * Properties of a LastReset.
         * @deprecated Use iisfleet.v1.LastReset.$Properties instead.
         */
        interface ILastReset extends iisfleet.v1.LastReset.$Properties {
        }

        /** Represents a LastReset. */
        class LastReset {

            /**
             * Constructs a new LastReset.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.LastReset.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LastReset commandId. */
            commandId: string;

            /** LastReset outcome. */
            outcome: iisfleet.v1.Outcome;

            /** LastReset code. */
            code: string;

            /** LastReset finishedAtMs. */
            finishedAtMs: number;

            /**
             * Creates a new LastReset instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LastReset instance
             */
            static create(properties: iisfleet.v1.LastReset.$Shape): iisfleet.v1.LastReset & iisfleet.v1.LastReset.$Shape;
            static create(properties?: iisfleet.v1.LastReset.$Properties): iisfleet.v1.LastReset;

            /**
             * Encodes the specified LastReset message. Does not implicitly {@link iisfleet.v1.LastReset.verify|verify} messages.
             * @param m LastReset message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.LastReset.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified LastReset message, length delimited. Does not implicitly {@link iisfleet.v1.LastReset.verify|verify} messages.
             * @param message LastReset message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.LastReset.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LastReset message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.LastReset & iisfleet.v1.LastReset.$Shape} LastReset
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.LastReset & iisfleet.v1.LastReset.$Shape;

            /**
             * Decodes a LastReset message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.LastReset & iisfleet.v1.LastReset.$Shape} LastReset
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.LastReset & iisfleet.v1.LastReset.$Shape;

            /**
             * Verifies a LastReset message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a LastReset message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns LastReset
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.LastReset;

            /**
             * Creates a plain object from a LastReset message. Also converts values to other types if specified.
             * @param m LastReset
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.LastReset, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LastReset to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for LastReset
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LastReset {

            /** Properties of a LastReset. */
            interface $Properties {

                /** LastReset commandId */
                commandId?: (string|null);

                /** LastReset outcome */
                outcome?: (iisfleet.v1.Outcome|null);

                /** LastReset code */
                code?: (string|null);

                /** LastReset finishedAtMs */
                finishedAtMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LastReset. */
            type $Shape = iisfleet.v1.LastReset.$Properties;
        }

        /**
         * Properties of a Heartbeat.
         * @deprecated Use iisfleet.v1.Heartbeat.$Properties instead.
         */
        interface IHeartbeat extends iisfleet.v1.Heartbeat.$Properties {
        }

        /** Represents a Heartbeat. */
        class Heartbeat {

            /**
             * Constructs a new Heartbeat.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.Heartbeat.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Heartbeat facts. */
            facts?: (iisfleet.v1.HostFacts.$Properties|null);

            /** Heartbeat agentVersion. */
            agentVersion: string;

            /** Heartbeat instanceId. */
            instanceId: string;

            /** Heartbeat seq. */
            seq: number;

            /** Heartbeat sentAtMs. */
            sentAtMs: number;

            /** Heartbeat uptimeMs. */
            uptimeMs: number;

            /** Heartbeat intervalMs. */
            intervalMs: number;

            /** Heartbeat counters. */
            counters?: (iisfleet.v1.AgentCounters.$Properties|null);

            /** Heartbeat startedAtMs. */
            startedAtMs: number;

            /** Heartbeat beatAnchor. */
            beatAnchor: Uint8Array;

            /** Heartbeat beatProof. */
            beatProof: Uint8Array;

            /** Heartbeat answerDigests. */
            answerDigests: Uint8Array[];

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Heartbeat instance
             */
            static create(properties: iisfleet.v1.Heartbeat.$Shape): iisfleet.v1.Heartbeat & iisfleet.v1.Heartbeat.$Shape;
            static create(properties?: iisfleet.v1.Heartbeat.$Properties): iisfleet.v1.Heartbeat;

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link iisfleet.v1.Heartbeat.verify|verify} messages.
             * @param m Heartbeat message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.Heartbeat.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Heartbeat message, length delimited. Does not implicitly {@link iisfleet.v1.Heartbeat.verify|verify} messages.
             * @param message Heartbeat message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.Heartbeat & iisfleet.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.Heartbeat & iisfleet.v1.Heartbeat.$Shape;

            /**
             * Decodes a Heartbeat message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.Heartbeat & iisfleet.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.Heartbeat & iisfleet.v1.Heartbeat.$Shape;

            /**
             * Verifies a Heartbeat message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Heartbeat
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.Heartbeat;

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @param m Heartbeat
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.Heartbeat, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Heartbeat to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Heartbeat
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Heartbeat {

            /** Properties of a Heartbeat. */
            interface $Properties {

                /** Heartbeat facts */
                facts?: (iisfleet.v1.HostFacts.$Properties|null);

                /** Heartbeat agentVersion */
                agentVersion?: (string|null);

                /** Heartbeat instanceId */
                instanceId?: (string|null);

                /** Heartbeat seq */
                seq?: (number|null);

                /** Heartbeat sentAtMs */
                sentAtMs?: (number|null);

                /** Heartbeat uptimeMs */
                uptimeMs?: (number|null);

                /** Heartbeat intervalMs */
                intervalMs?: (number|null);

                /** Heartbeat counters */
                counters?: (iisfleet.v1.AgentCounters.$Properties|null);

                /** Heartbeat startedAtMs */
                startedAtMs?: (number|null);

                /** Heartbeat beatAnchor */
                beatAnchor?: (Uint8Array|null);

                /** Heartbeat beatProof */
                beatProof?: (Uint8Array|null);

                /** Heartbeat answerDigests */
                answerDigests?: (Uint8Array[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Heartbeat. */
            type $Shape = iisfleet.v1.Heartbeat.$Properties;
        }

        /**
         * Properties of an AgentCounters.
         * @deprecated Use iisfleet.v1.AgentCounters.$Properties instead.
         */
        interface IAgentCounters extends iisfleet.v1.AgentCounters.$Properties {
        }

        /** Represents an AgentCounters. */
        class AgentCounters {

            /**
             * Constructs a new AgentCounters.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.AgentCounters.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AgentCounters commandsReceived. */
            commandsReceived: number;

            /** AgentCounters malformedReceived. */
            malformedReceived: number;

            /** AgentCounters rejected. */
            rejected: number;

            /** AgentCounters natsReconnects. */
            natsReconnects: number;

            /** AgentCounters resetsExecuted. */
            resetsExecuted: number;

            /**
             * Creates a new AgentCounters instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AgentCounters instance
             */
            static create(properties: iisfleet.v1.AgentCounters.$Shape): iisfleet.v1.AgentCounters & iisfleet.v1.AgentCounters.$Shape;
            static create(properties?: iisfleet.v1.AgentCounters.$Properties): iisfleet.v1.AgentCounters;

            /**
             * Encodes the specified AgentCounters message. Does not implicitly {@link iisfleet.v1.AgentCounters.verify|verify} messages.
             * @param m AgentCounters message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.AgentCounters.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified AgentCounters message, length delimited. Does not implicitly {@link iisfleet.v1.AgentCounters.verify|verify} messages.
             * @param message AgentCounters message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.AgentCounters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AgentCounters message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.AgentCounters & iisfleet.v1.AgentCounters.$Shape} AgentCounters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.AgentCounters & iisfleet.v1.AgentCounters.$Shape;

            /**
             * Decodes an AgentCounters message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.AgentCounters & iisfleet.v1.AgentCounters.$Shape} AgentCounters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.AgentCounters & iisfleet.v1.AgentCounters.$Shape;

            /**
             * Verifies an AgentCounters message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an AgentCounters message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns AgentCounters
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.AgentCounters;

            /**
             * Creates a plain object from an AgentCounters message. Also converts values to other types if specified.
             * @param m AgentCounters
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.AgentCounters, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AgentCounters to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for AgentCounters
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace AgentCounters {

            /** Properties of an AgentCounters. */
            interface $Properties {

                /** AgentCounters commandsReceived */
                commandsReceived?: (number|null);

                /** AgentCounters malformedReceived */
                malformedReceived?: (number|null);

                /** AgentCounters rejected */
                rejected?: (number|null);

                /** AgentCounters natsReconnects */
                natsReconnects?: (number|null);

                /** AgentCounters resetsExecuted */
                resetsExecuted?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AgentCounters. */
            type $Shape = iisfleet.v1.AgentCounters.$Properties;
        }

        /**
         * Properties of a ProgressEvent.
         * @deprecated Use iisfleet.v1.ProgressEvent.$Properties instead.
         */
        interface IProgressEvent extends iisfleet.v1.ProgressEvent.$Properties {
        }

        /** Represents a ProgressEvent. */
        class ProgressEvent {

            /**
             * Constructs a new ProgressEvent.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.ProgressEvent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ProgressEvent commandId. */
            commandId: string;

            /** ProgressEvent host. */
            host: string;

            /** ProgressEvent seq. */
            seq: number;

            /** ProgressEvent atMs. */
            atMs: number;

            /** ProgressEvent step. */
            step?: (iisfleet.v1.Step.$Properties|null);

            /** ProgressEvent phase. */
            phase: string;

            /** ProgressEvent message. */
            message: string;

            /**
             * Creates a new ProgressEvent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ProgressEvent instance
             */
            static create(properties: iisfleet.v1.ProgressEvent.$Shape): iisfleet.v1.ProgressEvent & iisfleet.v1.ProgressEvent.$Shape;
            static create(properties?: iisfleet.v1.ProgressEvent.$Properties): iisfleet.v1.ProgressEvent;

            /**
             * Encodes the specified ProgressEvent message. Does not implicitly {@link iisfleet.v1.ProgressEvent.verify|verify} messages.
             * @param m ProgressEvent message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.ProgressEvent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ProgressEvent message, length delimited. Does not implicitly {@link iisfleet.v1.ProgressEvent.verify|verify} messages.
             * @param message ProgressEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.ProgressEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ProgressEvent message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.ProgressEvent & iisfleet.v1.ProgressEvent.$Shape} ProgressEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.ProgressEvent & iisfleet.v1.ProgressEvent.$Shape;

            /**
             * Decodes a ProgressEvent message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.ProgressEvent & iisfleet.v1.ProgressEvent.$Shape} ProgressEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.ProgressEvent & iisfleet.v1.ProgressEvent.$Shape;

            /**
             * Verifies a ProgressEvent message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a ProgressEvent message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns ProgressEvent
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.ProgressEvent;

            /**
             * Creates a plain object from a ProgressEvent message. Also converts values to other types if specified.
             * @param m ProgressEvent
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.ProgressEvent, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ProgressEvent to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ProgressEvent
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ProgressEvent {

            /** Properties of a ProgressEvent. */
            interface $Properties {

                /** ProgressEvent commandId */
                commandId?: (string|null);

                /** ProgressEvent host */
                host?: (string|null);

                /** ProgressEvent seq */
                seq?: (number|null);

                /** ProgressEvent atMs */
                atMs?: (number|null);

                /** ProgressEvent step */
                step?: (iisfleet.v1.Step.$Properties|null);

                /** ProgressEvent phase */
                phase?: (string|null);

                /** ProgressEvent message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ProgressEvent. */
            type $Shape = iisfleet.v1.ProgressEvent.$Properties;
        }

        /**
         * Properties of a StatusRequest.
         * @deprecated Use iisfleet.v1.StatusRequest.$Properties instead.
         */
        interface IStatusRequest extends iisfleet.v1.StatusRequest.$Properties {
        }

        /** Represents a StatusRequest. */
        class StatusRequest {

            /**
             * Constructs a new StatusRequest.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.StatusRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StatusRequest requestId. */
            requestId: string;

            /** StatusRequest farm. */
            farm: string;

            /** StatusRequest tags. */
            tags: { [k: string]: string };

            /** StatusRequest hosts. */
            hosts: string[];

            /** StatusRequest brief. */
            brief: boolean;

            /** StatusRequest stable. */
            stable: boolean;

            /** StatusRequest conditional. */
            conditional: boolean;

            /**
             * Creates a new StatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StatusRequest instance
             */
            static create(properties: iisfleet.v1.StatusRequest.$Shape): iisfleet.v1.StatusRequest & iisfleet.v1.StatusRequest.$Shape;
            static create(properties?: iisfleet.v1.StatusRequest.$Properties): iisfleet.v1.StatusRequest;

            /**
             * Encodes the specified StatusRequest message. Does not implicitly {@link iisfleet.v1.StatusRequest.verify|verify} messages.
             * @param m StatusRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.StatusRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified StatusRequest message, length delimited. Does not implicitly {@link iisfleet.v1.StatusRequest.verify|verify} messages.
             * @param message StatusRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.StatusRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StatusRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.StatusRequest & iisfleet.v1.StatusRequest.$Shape} StatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.StatusRequest & iisfleet.v1.StatusRequest.$Shape;

            /**
             * Decodes a StatusRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.StatusRequest & iisfleet.v1.StatusRequest.$Shape} StatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.StatusRequest & iisfleet.v1.StatusRequest.$Shape;

            /**
             * Verifies a StatusRequest message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a StatusRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns StatusRequest
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.StatusRequest;

            /**
             * Creates a plain object from a StatusRequest message. Also converts values to other types if specified.
             * @param m StatusRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.StatusRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StatusRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for StatusRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace StatusRequest {

            /** Properties of a StatusRequest. */
            interface $Properties {

                /** StatusRequest requestId */
                requestId?: (string|null);

                /** StatusRequest farm */
                farm?: (string|null);

                /** StatusRequest tags */
                tags?: ({ [k: string]: string }|null);

                /** StatusRequest hosts */
                hosts?: (string[]|null);

                /** StatusRequest brief */
                brief?: (boolean|null);

                /** StatusRequest stable */
                stable?: (boolean|null);

                /** StatusRequest conditional */
                conditional?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StatusRequest. */
            type $Shape = iisfleet.v1.StatusRequest.$Properties;
        }

        /**
         * Properties of a StatusReport.
         * @deprecated Use iisfleet.v1.StatusReport.$Properties instead.
         */
        interface IStatusReport extends iisfleet.v1.StatusReport.$Properties {
        }

        /** Represents a StatusReport. */
        class StatusReport {

            /**
             * Constructs a new StatusReport.
             * @param [p] Properties to set
             */
            constructor(p?: iisfleet.v1.StatusReport.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StatusReport requestId. */
            requestId: string;

            /** StatusReport facts. */
            facts?: (iisfleet.v1.HostFacts.$Properties|null);

            /** StatusReport agentVersion. */
            agentVersion: string;

            /** StatusReport instanceId. */
            instanceId: string;

            /** StatusReport uptimeMs. */
            uptimeMs: number;

            /** StatusReport sentAtMs. */
            sentAtMs: number;

            /** StatusReport startedAtMs. */
            startedAtMs: number;

            /** StatusReport unchangedAnswer. */
            unchangedAnswer: Uint8Array;

            /** StatusReport unchangedSinceStatement. */
            unchangedSinceStatement: number;

            /**
             * Creates a new StatusReport instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StatusReport instance
             */
            static create(properties: iisfleet.v1.StatusReport.$Shape): iisfleet.v1.StatusReport & iisfleet.v1.StatusReport.$Shape;
            static create(properties?: iisfleet.v1.StatusReport.$Properties): iisfleet.v1.StatusReport;

            /**
             * Encodes the specified StatusReport message. Does not implicitly {@link iisfleet.v1.StatusReport.verify|verify} messages.
             * @param m StatusReport message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: iisfleet.v1.StatusReport.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified StatusReport message, length delimited. Does not implicitly {@link iisfleet.v1.StatusReport.verify|verify} messages.
             * @param message StatusReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: iisfleet.v1.StatusReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StatusReport message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {iisfleet.v1.StatusReport & iisfleet.v1.StatusReport.$Shape} StatusReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): iisfleet.v1.StatusReport & iisfleet.v1.StatusReport.$Shape;

            /**
             * Decodes a StatusReport message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {iisfleet.v1.StatusReport & iisfleet.v1.StatusReport.$Shape} StatusReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): iisfleet.v1.StatusReport & iisfleet.v1.StatusReport.$Shape;

            /**
             * Verifies a StatusReport message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a StatusReport message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns StatusReport
             */
            static fromObject(d: { [k: string]: any }): iisfleet.v1.StatusReport;

            /**
             * Creates a plain object from a StatusReport message. Also converts values to other types if specified.
             * @param m StatusReport
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: iisfleet.v1.StatusReport, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StatusReport to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for StatusReport
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace StatusReport {

            /** Properties of a StatusReport. */
            interface $Properties {

                /** StatusReport requestId */
                requestId?: (string|null);

                /** StatusReport facts */
                facts?: (iisfleet.v1.HostFacts.$Properties|null);

                /** StatusReport agentVersion */
                agentVersion?: (string|null);

                /** StatusReport instanceId */
                instanceId?: (string|null);

                /** StatusReport uptimeMs */
                uptimeMs?: (number|null);

                /** StatusReport sentAtMs */
                sentAtMs?: (number|null);

                /** StatusReport startedAtMs */
                startedAtMs?: (number|null);

                /** StatusReport unchangedAnswer */
                unchangedAnswer?: (Uint8Array|null);

                /** StatusReport unchangedSinceStatement */
                unchangedSinceStatement?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StatusReport. */
            type $Shape = iisfleet.v1.StatusReport.$Properties;
        }
    }
}
