/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const iisfleet = $root.iisfleet = (() => {

    /**
     * Namespace iisfleet.
     * @exports iisfleet
     * @namespace
     */
    const iisfleet = {};

    iisfleet.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof iisfleet
         * @namespace
         */
        const v1 = {};

        v1.CommandEnvelope = (function() {

            /**
             * Properties of a CommandEnvelope.
             * @typedef {Object} iisfleet.v1.CommandEnvelope.$Properties
             * @property {Uint8Array|null} [command] CommandEnvelope command
             * @property {iisfleet.v1.Signature.$Properties|null} [signature] CommandEnvelope signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CommandEnvelope.
             * @memberof iisfleet.v1
             * @interface ICommandEnvelope
             * @augments iisfleet.v1.CommandEnvelope.$Properties
             * @deprecated Use iisfleet.v1.CommandEnvelope.$Properties instead.
             */

            /**
             * Shape of a CommandEnvelope.
             * @typedef {iisfleet.v1.CommandEnvelope.$Properties} iisfleet.v1.CommandEnvelope.$Shape
             */

            /**
             * Constructs a new CommandEnvelope.
             * @memberof iisfleet.v1
             * @classdesc Represents a CommandEnvelope.
             * @constructor
             * @param {iisfleet.v1.CommandEnvelope.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CommandEnvelope = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * CommandEnvelope command.
             * @member {Uint8Array} command
             * @memberof iisfleet.v1.CommandEnvelope
             * @instance
             */
            CommandEnvelope.prototype.command = $util.newBuffer([]);

            /**
             * CommandEnvelope signature.
             * @member {iisfleet.v1.Signature.$Properties|null|undefined} signature
             * @memberof iisfleet.v1.CommandEnvelope
             * @instance
             */
            CommandEnvelope.prototype.signature = null;

            /**
             * Creates a new CommandEnvelope instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {iisfleet.v1.CommandEnvelope.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.CommandEnvelope} CommandEnvelope instance
             * @type {{
             *   (properties: iisfleet.v1.CommandEnvelope.$Shape): iisfleet.v1.CommandEnvelope & iisfleet.v1.CommandEnvelope.$Shape;
             *   (properties?: iisfleet.v1.CommandEnvelope.$Properties): iisfleet.v1.CommandEnvelope;
             * }}
             */
            CommandEnvelope.create = function(properties) {
                return new CommandEnvelope(properties);
            };

            /**
             * Encodes the specified CommandEnvelope message. Does not implicitly {@link iisfleet.v1.CommandEnvelope.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {iisfleet.v1.CommandEnvelope.$Properties} m CommandEnvelope message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandEnvelope.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.command != null && $Object.hasOwnProperty.call(m, "command") && m.command.length)
                    w.uint32(/* id 1, wireType 2 =*/10).bytes(m.command);
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature"))
                    $root.iisfleet.v1.Signature.encode(m.signature, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified CommandEnvelope message, length delimited. Does not implicitly {@link iisfleet.v1.CommandEnvelope.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {iisfleet.v1.CommandEnvelope.$Properties} message CommandEnvelope message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandEnvelope.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CommandEnvelope message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.CommandEnvelope & iisfleet.v1.CommandEnvelope.$Shape} CommandEnvelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandEnvelope.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.CommandEnvelope();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.command = v;
                            else
                                delete m.command;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.signature = $root.iisfleet.v1.Signature.decode(r, r.size(), $undefined, q + 1, m.signature);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a CommandEnvelope message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.CommandEnvelope & iisfleet.v1.CommandEnvelope.$Shape} CommandEnvelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandEnvelope.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CommandEnvelope message.
             * @function verify
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CommandEnvelope.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.command != null && $Object.hasOwnProperty.call(m, "command")) {
                    if (!(m.command && typeof m.command.length === "number" || $util.isString(m.command)))
                        return "command: buffer expected";
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
                    {
                        var e = $root.iisfleet.v1.Signature.verify(m.signature, q + 1);
                        if (e)
                            return "signature." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a CommandEnvelope message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.CommandEnvelope} CommandEnvelope
             */
            CommandEnvelope.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.CommandEnvelope)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.CommandEnvelope: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.CommandEnvelope();
                if (d.command != null) {
                    if (d.command.length) {
                        if (typeof d.command === "string")
                            $util.base64.decode(d.command, m.command = $util.newBuffer($util.base64.length(d.command)), 0);
                        else if (d.command.length >= 0)
                            m.command = d.command;
                    }
                }
                if (d.signature != null) {
                    if (!$util.isObject(d.signature))
                        throw $TypeError(".iisfleet.v1.CommandEnvelope.signature: object expected");
                    m.signature = $root.iisfleet.v1.Signature.fromObject(d.signature, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a CommandEnvelope message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {iisfleet.v1.CommandEnvelope} m CommandEnvelope
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CommandEnvelope.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    if (o.bytes === $String)
                        d.command = "";
                    else {
                        d.command = [];
                        if (o.bytes !== $Array)
                            d.command = $util.newBuffer(d.command);
                    }
                    d.signature = null;
                }
                if (m.command != null && $Object.hasOwnProperty.call(m, "command")) {
                    d.command = o.bytes === $String ? $util.base64.encode(m.command, 0, m.command.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.command) : m.command;
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
                    d.signature = $root.iisfleet.v1.Signature.toObject(m.signature, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this CommandEnvelope to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.CommandEnvelope
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CommandEnvelope.prototype.toJSON = function() {
                return CommandEnvelope.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CommandEnvelope
             * @function getTypeUrl
             * @memberof iisfleet.v1.CommandEnvelope
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CommandEnvelope.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.CommandEnvelope";
            };

            return CommandEnvelope;
        })();

        v1.Signature = (function() {

            /**
             * Properties of a Signature.
             * @typedef {Object} iisfleet.v1.Signature.$Properties
             * @property {string|null} [keyId] Signature keyId
             * @property {Uint8Array|null} [value] Signature value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Signature.
             * @memberof iisfleet.v1
             * @interface ISignature
             * @augments iisfleet.v1.Signature.$Properties
             * @deprecated Use iisfleet.v1.Signature.$Properties instead.
             */

            /**
             * Shape of a Signature.
             * @typedef {iisfleet.v1.Signature.$Properties} iisfleet.v1.Signature.$Shape
             */

            /**
             * Constructs a new Signature.
             * @memberof iisfleet.v1
             * @classdesc Represents a Signature.
             * @constructor
             * @param {iisfleet.v1.Signature.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Signature = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Signature keyId.
             * @member {string} keyId
             * @memberof iisfleet.v1.Signature
             * @instance
             */
            Signature.prototype.keyId = "";

            /**
             * Signature value.
             * @member {Uint8Array} value
             * @memberof iisfleet.v1.Signature
             * @instance
             */
            Signature.prototype.value = $util.newBuffer([]);

            /**
             * Creates a new Signature instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {iisfleet.v1.Signature.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.Signature} Signature instance
             * @type {{
             *   (properties: iisfleet.v1.Signature.$Shape): iisfleet.v1.Signature & iisfleet.v1.Signature.$Shape;
             *   (properties?: iisfleet.v1.Signature.$Properties): iisfleet.v1.Signature;
             * }}
             */
            Signature.create = function(properties) {
                return new Signature(properties);
            };

            /**
             * Encodes the specified Signature message. Does not implicitly {@link iisfleet.v1.Signature.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {iisfleet.v1.Signature.$Properties} m Signature message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Signature.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId") && m.keyId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.keyId);
                if (m.value != null && $Object.hasOwnProperty.call(m, "value") && m.value.length)
                    w.uint32(/* id 2, wireType 2 =*/18).bytes(m.value);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Signature message, length delimited. Does not implicitly {@link iisfleet.v1.Signature.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {iisfleet.v1.Signature.$Properties} message Signature message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Signature.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Signature message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.Signature & iisfleet.v1.Signature.$Shape} Signature
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Signature.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.Signature();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.keyId = v;
                            else
                                delete m.keyId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.value = v;
                            else
                                delete m.value;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Signature message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.Signature & iisfleet.v1.Signature.$Shape} Signature
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Signature.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Signature message.
             * @function verify
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Signature.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId")) {
                    if (!$util.isString(m.keyId))
                        return "keyId: string expected";
                }
                if (m.value != null && $Object.hasOwnProperty.call(m, "value")) {
                    if (!(m.value && typeof m.value.length === "number" || $util.isString(m.value)))
                        return "value: buffer expected";
                }
                return null;
            };

            /**
             * Creates a Signature message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.Signature} Signature
             */
            Signature.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.Signature)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.Signature: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.Signature();
                if (d.keyId != null) {
                    if (typeof d.keyId !== "string" || d.keyId.length) {
                        m.keyId = $String(d.keyId);
                    }
                }
                if (d.value != null) {
                    if (d.value.length) {
                        if (typeof d.value === "string")
                            $util.base64.decode(d.value, m.value = $util.newBuffer($util.base64.length(d.value)), 0);
                        else if (d.value.length >= 0)
                            m.value = d.value;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Signature message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {iisfleet.v1.Signature} m Signature
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Signature.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.keyId = "";
                    if (o.bytes === $String)
                        d.value = "";
                    else {
                        d.value = [];
                        if (o.bytes !== $Array)
                            d.value = $util.newBuffer(d.value);
                    }
                }
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId")) {
                    d.keyId = m.keyId;
                }
                if (m.value != null && $Object.hasOwnProperty.call(m, "value")) {
                    d.value = o.bytes === $String ? $util.base64.encode(m.value, 0, m.value.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.value) : m.value;
                }
                return d;
            };

            /**
             * Converts this Signature to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.Signature
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Signature.prototype.toJSON = function() {
                return Signature.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Signature
             * @function getTypeUrl
             * @memberof iisfleet.v1.Signature
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Signature.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.Signature";
            };

            return Signature;
        })();

        v1.Command = (function() {

            /**
             * Properties of a Command.
             * @typedef {Object} iisfleet.v1.Command.$Properties
             * @property {string|null} [commandId] Command commandId
             * @property {string|null} [issuer] Command issuer
             * @property {string|null} [targetHost] Command targetHost
             * @property {number|null} [issuedAtMs] Command issuedAtMs
             * @property {number|null} [expiresAtMs] Command expiresAtMs
             * @property {Uint8Array|null} [nonce] Command nonce
             * @property {number|null} [term] Command term
             * @property {iisfleet.v1.ResetRequest.$Properties|null} [reset] Command reset
             * @property {iisfleet.v1.OutcomeQuery.$Properties|null} [outcome] Command outcome
             * @property {iisfleet.v1.CordonRequest.$Properties|null} [cordon] Command cordon
             * @property {iisfleet.v1.LbMemberRequest.$Properties|null} [lbMember] Command lbMember
             * @property {iisfleet.v1.ResetRequest.$Properties|null} [targetedReset] Command targetedReset
             * @property {"reset"|"outcome"|"cordon"|"lbMember"|"targetedReset"} [body] Command body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Command.
             * @memberof iisfleet.v1
             * @interface ICommand
             * @augments iisfleet.v1.Command.$Properties
             * @deprecated Use iisfleet.v1.Command.$Properties instead.
             */

            /**
             * Narrowed shape of a Command.
             * @typedef {{
             *   commandId?: string|null;
             *   issuer?: string|null;
             *   targetHost?: string|null;
             *   issuedAtMs?: number|null;
             *   expiresAtMs?: number|null;
             *   nonce?: Uint8Array|null;
             *   term?: number|null;
             *   reset?: iisfleet.v1.ResetRequest.$Shape|null;
             *   outcome?: iisfleet.v1.OutcomeQuery.$Shape|null;
             *   cordon?: iisfleet.v1.CordonRequest.$Shape|null;
             *   lbMember?: iisfleet.v1.LbMemberRequest.$Shape|null;
             *   targetedReset?: iisfleet.v1.ResetRequest.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; reset?: null; outcome?: null; cordon?: null; lbMember?: null; targetedReset?: null }|{ body?: "reset"; reset: iisfleet.v1.ResetRequest.$Shape; outcome?: null; cordon?: null; lbMember?: null; targetedReset?: null }|{ body?: "outcome"; reset?: null; outcome: iisfleet.v1.OutcomeQuery.$Shape; cordon?: null; lbMember?: null; targetedReset?: null }|{ body?: "cordon"; reset?: null; outcome?: null; cordon: iisfleet.v1.CordonRequest.$Shape; lbMember?: null; targetedReset?: null }|{ body?: "lbMember"; reset?: null; outcome?: null; cordon?: null; lbMember: iisfleet.v1.LbMemberRequest.$Shape; targetedReset?: null }|{ body?: "targetedReset"; reset?: null; outcome?: null; cordon?: null; lbMember?: null; targetedReset: iisfleet.v1.ResetRequest.$Shape })
             * )} iisfleet.v1.Command.$Shape
             */

            /**
             * Constructs a new Command.
             * @memberof iisfleet.v1
             * @classdesc Represents a Command.
             * @constructor
             * @param {iisfleet.v1.Command.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Command = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Command commandId.
             * @member {string} commandId
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.commandId = "";

            /**
             * Command issuer.
             * @member {string} issuer
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.issuer = "";

            /**
             * Command targetHost.
             * @member {string} targetHost
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.targetHost = "";

            /**
             * Command issuedAtMs.
             * @member {number} issuedAtMs
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.issuedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Command expiresAtMs.
             * @member {number} expiresAtMs
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Command nonce.
             * @member {Uint8Array} nonce
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.nonce = $util.newBuffer([]);

            /**
             * Command term.
             * @member {number} term
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Command reset.
             * @member {iisfleet.v1.ResetRequest.$Properties|null|undefined} reset
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.reset = null;

            /**
             * Command outcome.
             * @member {iisfleet.v1.OutcomeQuery.$Properties|null|undefined} outcome
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.outcome = null;

            /**
             * Command cordon.
             * @member {iisfleet.v1.CordonRequest.$Properties|null|undefined} cordon
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.cordon = null;

            /**
             * Command lbMember.
             * @member {iisfleet.v1.LbMemberRequest.$Properties|null|undefined} lbMember
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.lbMember = null;

            /**
             * Command targetedReset.
             * @member {iisfleet.v1.ResetRequest.$Properties|null|undefined} targetedReset
             * @memberof iisfleet.v1.Command
             * @instance
             */
            Command.prototype.targetedReset = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Command body.
             * @member {"reset"|"outcome"|"cordon"|"lbMember"|"targetedReset"|undefined} body
             * @memberof iisfleet.v1.Command
             * @instance
             */
            $Object.defineProperty(Command.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["reset", "outcome", "cordon", "lbMember", "targetedReset"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Command instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.Command
             * @static
             * @param {iisfleet.v1.Command.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.Command} Command instance
             * @type {{
             *   (properties: iisfleet.v1.Command.$Shape): iisfleet.v1.Command & iisfleet.v1.Command.$Shape;
             *   (properties?: iisfleet.v1.Command.$Properties): iisfleet.v1.Command;
             * }}
             */
            Command.create = function(properties) {
                return new Command(properties);
            };

            /**
             * Encodes the specified Command message. Does not implicitly {@link iisfleet.v1.Command.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.Command
             * @static
             * @param {iisfleet.v1.Command.$Properties} m Command message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Command.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.commandId);
                if (m.issuer != null && $Object.hasOwnProperty.call(m, "issuer") && m.issuer !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.issuer);
                if (m.targetHost != null && $Object.hasOwnProperty.call(m, "targetHost") && m.targetHost !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.targetHost);
                if (m.issuedAtMs != null && $Object.hasOwnProperty.call(m, "issuedAtMs") && (typeof m.issuedAtMs === "object" ? m.issuedAtMs.low || m.issuedAtMs.high : m.issuedAtMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.issuedAtMs);
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs") && (typeof m.expiresAtMs === "object" ? m.expiresAtMs.low || m.expiresAtMs.high : m.expiresAtMs !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).int64(m.expiresAtMs);
                if (m.nonce != null && $Object.hasOwnProperty.call(m, "nonce") && m.nonce.length)
                    w.uint32(/* id 6, wireType 2 =*/50).bytes(m.nonce);
                if (m.term != null && $Object.hasOwnProperty.call(m, "term") && (typeof m.term === "object" ? m.term.low || m.term.high : m.term !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).uint64(m.term);
                if (m.reset != null && $Object.hasOwnProperty.call(m, "reset"))
                    $root.iisfleet.v1.ResetRequest.encode(m.reset, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome"))
                    $root.iisfleet.v1.OutcomeQuery.encode(m.outcome, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.cordon != null && $Object.hasOwnProperty.call(m, "cordon"))
                    $root.iisfleet.v1.CordonRequest.encode(m.cordon, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                if (m.lbMember != null && $Object.hasOwnProperty.call(m, "lbMember"))
                    $root.iisfleet.v1.LbMemberRequest.encode(m.lbMember, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                if (m.targetedReset != null && $Object.hasOwnProperty.call(m, "targetedReset"))
                    $root.iisfleet.v1.ResetRequest.encode(m.targetedReset, w.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Command message, length delimited. Does not implicitly {@link iisfleet.v1.Command.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.Command
             * @static
             * @param {iisfleet.v1.Command.$Properties} message Command message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Command.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Command message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.Command
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.Command & iisfleet.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Command.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.Command();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.issuer = v;
                            else
                                delete m.issuer;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.targetHost = v;
                            else
                                delete m.targetHost;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.issuedAtMs = v;
                            else
                                delete m.issuedAtMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.expiresAtMs = v;
                            else
                                delete m.expiresAtMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.nonce = v;
                            else
                                delete m.nonce;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.term = v;
                            else
                                delete m.term;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.reset = $root.iisfleet.v1.ResetRequest.decode(r, r.size(), $undefined, q + 1, m.reset);
                            m.body = "reset";
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.outcome = $root.iisfleet.v1.OutcomeQuery.decode(r, r.size(), $undefined, q + 1, m.outcome);
                            m.body = "outcome";
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            m.cordon = $root.iisfleet.v1.CordonRequest.decode(r, r.size(), $undefined, q + 1, m.cordon);
                            m.body = "cordon";
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            m.lbMember = $root.iisfleet.v1.LbMemberRequest.decode(r, r.size(), $undefined, q + 1, m.lbMember);
                            m.body = "lbMember";
                            continue;
                        }
                    case 14: {
                            if (u !== 2)
                                break;
                            m.targetedReset = $root.iisfleet.v1.ResetRequest.decode(r, r.size(), $undefined, q + 1, m.targetedReset);
                            m.body = "targetedReset";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Command message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.Command
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.Command & iisfleet.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Command.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Command message.
             * @function verify
             * @memberof iisfleet.v1.Command
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Command.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                if (m.issuer != null && $Object.hasOwnProperty.call(m, "issuer")) {
                    if (!$util.isString(m.issuer))
                        return "issuer: string expected";
                }
                if (m.targetHost != null && $Object.hasOwnProperty.call(m, "targetHost")) {
                    if (!$util.isString(m.targetHost))
                        return "targetHost: string expected";
                }
                if (m.issuedAtMs != null && $Object.hasOwnProperty.call(m, "issuedAtMs")) {
                    if (!$util.isInteger(m.issuedAtMs) && !(m.issuedAtMs && $util.isInteger(m.issuedAtMs.low) && $util.isInteger(m.issuedAtMs.high)))
                        return "issuedAtMs: integer|Long expected";
                }
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs")) {
                    if (!$util.isInteger(m.expiresAtMs) && !(m.expiresAtMs && $util.isInteger(m.expiresAtMs.low) && $util.isInteger(m.expiresAtMs.high)))
                        return "expiresAtMs: integer|Long expected";
                }
                if (m.nonce != null && $Object.hasOwnProperty.call(m, "nonce")) {
                    if (!(m.nonce && typeof m.nonce.length === "number" || $util.isString(m.nonce)))
                        return "nonce: buffer expected";
                }
                if (m.term != null && $Object.hasOwnProperty.call(m, "term")) {
                    if (!$util.isInteger(m.term) && !(m.term && $util.isInteger(m.term.low) && $util.isInteger(m.term.high)))
                        return "term: integer|Long expected";
                }
                if (m.reset != null && $Object.hasOwnProperty.call(m, "reset")) {
                    p.body = 1;
                    {
                        var e = $root.iisfleet.v1.ResetRequest.verify(m.reset, q + 1);
                        if (e)
                            return "reset." + e;
                    }
                }
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.iisfleet.v1.OutcomeQuery.verify(m.outcome, q + 1);
                        if (e)
                            return "outcome." + e;
                    }
                }
                if (m.cordon != null && $Object.hasOwnProperty.call(m, "cordon")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.iisfleet.v1.CordonRequest.verify(m.cordon, q + 1);
                        if (e)
                            return "cordon." + e;
                    }
                }
                if (m.lbMember != null && $Object.hasOwnProperty.call(m, "lbMember")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.iisfleet.v1.LbMemberRequest.verify(m.lbMember, q + 1);
                        if (e)
                            return "lbMember." + e;
                    }
                }
                if (m.targetedReset != null && $Object.hasOwnProperty.call(m, "targetedReset")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.iisfleet.v1.ResetRequest.verify(m.targetedReset, q + 1);
                        if (e)
                            return "targetedReset." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a Command message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.Command
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.Command} Command
             */
            Command.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.Command)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.Command: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.Command();
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                if (d.issuer != null) {
                    if (typeof d.issuer !== "string" || d.issuer.length) {
                        m.issuer = $String(d.issuer);
                    }
                }
                if (d.targetHost != null) {
                    if (typeof d.targetHost !== "string" || d.targetHost.length) {
                        m.targetHost = $String(d.targetHost);
                    }
                }
                if (d.issuedAtMs != null) {
                    if (typeof d.issuedAtMs === "object" ? d.issuedAtMs.low || d.issuedAtMs.high : $Number(d.issuedAtMs) !== 0) {
                        if ($util.Long)
                            m.issuedAtMs = $util.Long.fromValue(d.issuedAtMs, false);
                        else if (typeof d.issuedAtMs === "string")
                            m.issuedAtMs = $parseInt(d.issuedAtMs, 10);
                        else if (typeof d.issuedAtMs === "number")
                            m.issuedAtMs = d.issuedAtMs;
                        else if (typeof d.issuedAtMs === "object")
                            m.issuedAtMs = new $util.LongBits(d.issuedAtMs.low >>> 0, d.issuedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.expiresAtMs != null) {
                    if (typeof d.expiresAtMs === "object" ? d.expiresAtMs.low || d.expiresAtMs.high : $Number(d.expiresAtMs) !== 0) {
                        if ($util.Long)
                            m.expiresAtMs = $util.Long.fromValue(d.expiresAtMs, false);
                        else if (typeof d.expiresAtMs === "string")
                            m.expiresAtMs = $parseInt(d.expiresAtMs, 10);
                        else if (typeof d.expiresAtMs === "number")
                            m.expiresAtMs = d.expiresAtMs;
                        else if (typeof d.expiresAtMs === "object")
                            m.expiresAtMs = new $util.LongBits(d.expiresAtMs.low >>> 0, d.expiresAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.nonce != null) {
                    if (d.nonce.length) {
                        if (typeof d.nonce === "string")
                            $util.base64.decode(d.nonce, m.nonce = $util.newBuffer($util.base64.length(d.nonce)), 0);
                        else if (d.nonce.length >= 0)
                            m.nonce = d.nonce;
                    }
                }
                if (d.term != null) {
                    if (typeof d.term === "object" ? d.term.low || d.term.high : $Number(d.term) !== 0) {
                        if ($util.Long)
                            m.term = $util.Long.fromValue(d.term, true);
                        else if (typeof d.term === "string")
                            m.term = $parseInt(d.term, 10);
                        else if (typeof d.term === "number")
                            m.term = d.term;
                        else if (typeof d.term === "object")
                            m.term = new $util.LongBits(d.term.low >>> 0, d.term.high >>> 0).toNumber(true);
                    }
                }
                if (d.reset != null) {
                    if (!$util.isObject(d.reset))
                        throw $TypeError(".iisfleet.v1.Command.reset: object expected");
                    m.reset = $root.iisfleet.v1.ResetRequest.fromObject(d.reset, q + 1);
                }
                if (d.outcome != null) {
                    if (!$util.isObject(d.outcome))
                        throw $TypeError(".iisfleet.v1.Command.outcome: object expected");
                    m.outcome = $root.iisfleet.v1.OutcomeQuery.fromObject(d.outcome, q + 1);
                }
                if (d.cordon != null) {
                    if (!$util.isObject(d.cordon))
                        throw $TypeError(".iisfleet.v1.Command.cordon: object expected");
                    m.cordon = $root.iisfleet.v1.CordonRequest.fromObject(d.cordon, q + 1);
                }
                if (d.lbMember != null) {
                    if (!$util.isObject(d.lbMember))
                        throw $TypeError(".iisfleet.v1.Command.lbMember: object expected");
                    m.lbMember = $root.iisfleet.v1.LbMemberRequest.fromObject(d.lbMember, q + 1);
                }
                if (d.targetedReset != null) {
                    if (!$util.isObject(d.targetedReset))
                        throw $TypeError(".iisfleet.v1.Command.targetedReset: object expected");
                    m.targetedReset = $root.iisfleet.v1.ResetRequest.fromObject(d.targetedReset, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a Command message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.Command
             * @static
             * @param {iisfleet.v1.Command} m Command
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Command.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.commandId = "";
                    d.issuer = "";
                    d.targetHost = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.issuedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.issuedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.expiresAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.expiresAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if (o.bytes === $String)
                        d.nonce = "";
                    else {
                        d.nonce = [];
                        if (o.bytes !== $Array)
                            d.nonce = $util.newBuffer(d.nonce);
                    }
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.term = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.term = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                if (m.issuer != null && $Object.hasOwnProperty.call(m, "issuer")) {
                    d.issuer = m.issuer;
                }
                if (m.targetHost != null && $Object.hasOwnProperty.call(m, "targetHost")) {
                    d.targetHost = m.targetHost;
                }
                if (m.issuedAtMs != null && $Object.hasOwnProperty.call(m, "issuedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.issuedAtMs = typeof m.issuedAtMs === "number" ? $BigInt(m.issuedAtMs) : $util.Long.fromBits(m.issuedAtMs.low >>> 0, m.issuedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.issuedAtMs === "number")
                        d.issuedAtMs = o.longs === $String ? $String(m.issuedAtMs) : m.issuedAtMs;
                    else
                        d.issuedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.issuedAtMs) : o.longs === $Number ? new $util.LongBits(m.issuedAtMs.low >>> 0, m.issuedAtMs.high >>> 0).toNumber() : m.issuedAtMs;
                }
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.expiresAtMs = typeof m.expiresAtMs === "number" ? $BigInt(m.expiresAtMs) : $util.Long.fromBits(m.expiresAtMs.low >>> 0, m.expiresAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.expiresAtMs === "number")
                        d.expiresAtMs = o.longs === $String ? $String(m.expiresAtMs) : m.expiresAtMs;
                    else
                        d.expiresAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.expiresAtMs) : o.longs === $Number ? new $util.LongBits(m.expiresAtMs.low >>> 0, m.expiresAtMs.high >>> 0).toNumber() : m.expiresAtMs;
                }
                if (m.nonce != null && $Object.hasOwnProperty.call(m, "nonce")) {
                    d.nonce = o.bytes === $String ? $util.base64.encode(m.nonce, 0, m.nonce.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.nonce) : m.nonce;
                }
                if (m.term != null && $Object.hasOwnProperty.call(m, "term")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.term = typeof m.term === "number" ? $BigInt(m.term) : $util.Long.fromBits(m.term.low >>> 0, m.term.high >>> 0, true).toBigInt();
                    else if (typeof m.term === "number")
                        d.term = o.longs === $String ? $String(m.term) : m.term;
                    else
                        d.term = o.longs === $String ? $util.Long.prototype.toString.call(m.term) : o.longs === $Number ? new $util.LongBits(m.term.low >>> 0, m.term.high >>> 0).toNumber(true) : m.term;
                }
                if (m.reset != null && $Object.hasOwnProperty.call(m, "reset")) {
                    d.reset = $root.iisfleet.v1.ResetRequest.toObject(m.reset, o, q + 1);
                    if (o.oneofs)
                        d.body = "reset";
                }
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome")) {
                    d.outcome = $root.iisfleet.v1.OutcomeQuery.toObject(m.outcome, o, q + 1);
                    if (o.oneofs)
                        d.body = "outcome";
                }
                if (m.cordon != null && $Object.hasOwnProperty.call(m, "cordon")) {
                    d.cordon = $root.iisfleet.v1.CordonRequest.toObject(m.cordon, o, q + 1);
                    if (o.oneofs)
                        d.body = "cordon";
                }
                if (m.lbMember != null && $Object.hasOwnProperty.call(m, "lbMember")) {
                    d.lbMember = $root.iisfleet.v1.LbMemberRequest.toObject(m.lbMember, o, q + 1);
                    if (o.oneofs)
                        d.body = "lbMember";
                }
                if (m.targetedReset != null && $Object.hasOwnProperty.call(m, "targetedReset")) {
                    d.targetedReset = $root.iisfleet.v1.ResetRequest.toObject(m.targetedReset, o, q + 1);
                    if (o.oneofs)
                        d.body = "targetedReset";
                }
                return d;
            };

            /**
             * Converts this Command to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.Command
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Command.prototype.toJSON = function() {
                return Command.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Command
             * @function getTypeUrl
             * @memberof iisfleet.v1.Command
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Command.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.Command";
            };

            return Command;
        })();

        /**
         * Operation enum.
         * @name iisfleet.v1.Operation
         * @enum {number}
         * @property {number} OPERATION_UNSPECIFIED=0 OPERATION_UNSPECIFIED value
         * @property {number} OPERATION_RESTART=1 OPERATION_RESTART value
         * @property {number} OPERATION_STOP=2 OPERATION_STOP value
         * @property {number} OPERATION_START=3 OPERATION_START value
         */
        v1.Operation = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "OPERATION_UNSPECIFIED"] = 0;
            values[valuesById[1] = "OPERATION_RESTART"] = 1;
            values[valuesById[2] = "OPERATION_STOP"] = 2;
            values[valuesById[3] = "OPERATION_START"] = 3;
            return values;
        })();

        /**
         * ResetLevel enum.
         * @name iisfleet.v1.ResetLevel
         * @enum {number}
         * @property {number} RESET_LEVEL_UNSPECIFIED=0 RESET_LEVEL_UNSPECIFIED value
         * @property {number} RESET_LEVEL_RECYCLE=1 RESET_LEVEL_RECYCLE value
         * @property {number} RESET_LEVEL_W3SVC=2 RESET_LEVEL_W3SVC value
         * @property {number} RESET_LEVEL_IIS=3 RESET_LEVEL_IIS value
         * @property {number} RESET_LEVEL_HTTP=4 RESET_LEVEL_HTTP value
         * @property {number} RESET_LEVEL_SITE=5 RESET_LEVEL_SITE value
         */
        v1.ResetLevel = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "RESET_LEVEL_UNSPECIFIED"] = 0;
            values[valuesById[1] = "RESET_LEVEL_RECYCLE"] = 1;
            values[valuesById[2] = "RESET_LEVEL_W3SVC"] = 2;
            values[valuesById[3] = "RESET_LEVEL_IIS"] = 3;
            values[valuesById[4] = "RESET_LEVEL_HTTP"] = 4;
            values[valuesById[5] = "RESET_LEVEL_SITE"] = 5;
            return values;
        })();

        v1.ResetRequest = (function() {

            /**
             * Properties of a ResetRequest.
             * @typedef {Object} iisfleet.v1.ResetRequest.$Properties
             * @property {iisfleet.v1.Operation|null} [operation] ResetRequest operation
             * @property {iisfleet.v1.ResetLevel|null} [level] ResetRequest level
             * @property {boolean|null} [force] ResetRequest force
             * @property {number|null} [timeoutMs] ResetRequest timeoutMs
             * @property {boolean|null} [rebootOnError] ResetRequest rebootOnError
             * @property {boolean|null} [skipHealth] ResetRequest skipHealth
             * @property {Array.<string>|null} [pools] ResetRequest pools
             * @property {boolean|null} [startStopped] ResetRequest startStopped
             * @property {Array.<string>|null} [sites] ResetRequest sites
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ResetRequest.
             * @memberof iisfleet.v1
             * @interface IResetRequest
             * @augments iisfleet.v1.ResetRequest.$Properties
             * @deprecated Use iisfleet.v1.ResetRequest.$Properties instead.
             */

            /**
             * Shape of a ResetRequest.
             * @typedef {iisfleet.v1.ResetRequest.$Properties} iisfleet.v1.ResetRequest.$Shape
             */

            /**
             * Constructs a new ResetRequest.
             * @memberof iisfleet.v1
             * @classdesc Represents a ResetRequest.
             * @constructor
             * @param {iisfleet.v1.ResetRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ResetRequest = function (p) {
                this.pools = [];
                this.sites = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ResetRequest operation.
             * @member {iisfleet.v1.Operation} operation
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.operation = 0;

            /**
             * ResetRequest level.
             * @member {iisfleet.v1.ResetLevel} level
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.level = 0;

            /**
             * ResetRequest force.
             * @member {boolean} force
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.force = false;

            /**
             * ResetRequest timeoutMs.
             * @member {number} timeoutMs
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.timeoutMs = 0;

            /**
             * ResetRequest rebootOnError.
             * @member {boolean} rebootOnError
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.rebootOnError = false;

            /**
             * ResetRequest skipHealth.
             * @member {boolean} skipHealth
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.skipHealth = false;

            /**
             * ResetRequest pools.
             * @member {Array.<string>} pools
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.pools = $util.emptyArray;

            /**
             * ResetRequest startStopped.
             * @member {boolean} startStopped
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.startStopped = false;

            /**
             * ResetRequest sites.
             * @member {Array.<string>} sites
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.sites = $util.emptyArray;

            /**
             * Creates a new ResetRequest instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {iisfleet.v1.ResetRequest.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.ResetRequest} ResetRequest instance
             * @type {{
             *   (properties: iisfleet.v1.ResetRequest.$Shape): iisfleet.v1.ResetRequest & iisfleet.v1.ResetRequest.$Shape;
             *   (properties?: iisfleet.v1.ResetRequest.$Properties): iisfleet.v1.ResetRequest;
             * }}
             */
            ResetRequest.create = function(properties) {
                return new ResetRequest(properties);
            };

            /**
             * Encodes the specified ResetRequest message. Does not implicitly {@link iisfleet.v1.ResetRequest.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {iisfleet.v1.ResetRequest.$Properties} m ResetRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ResetRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.operation != null && $Object.hasOwnProperty.call(m, "operation") && m.operation !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.operation);
                if (m.level != null && $Object.hasOwnProperty.call(m, "level") && m.level !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.level);
                if (m.force != null && $Object.hasOwnProperty.call(m, "force") && m.force !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.force);
                if (m.timeoutMs != null && $Object.hasOwnProperty.call(m, "timeoutMs") && m.timeoutMs !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.timeoutMs);
                if (m.rebootOnError != null && $Object.hasOwnProperty.call(m, "rebootOnError") && m.rebootOnError !== false)
                    w.uint32(/* id 5, wireType 0 =*/40).bool(m.rebootOnError);
                if (m.skipHealth != null && $Object.hasOwnProperty.call(m, "skipHealth") && m.skipHealth !== false)
                    w.uint32(/* id 6, wireType 0 =*/48).bool(m.skipHealth);
                if (m.pools != null && m.pools.length) {
                    for (var i = 0; i < m.pools.length; ++i)
                        w.uint32(/* id 7, wireType 2 =*/58).string(m.pools[i]);
                }
                if (m.startStopped != null && $Object.hasOwnProperty.call(m, "startStopped") && m.startStopped !== false)
                    w.uint32(/* id 8, wireType 0 =*/64).bool(m.startStopped);
                if (m.sites != null && m.sites.length) {
                    for (var i = 0; i < m.sites.length; ++i)
                        w.uint32(/* id 9, wireType 2 =*/74).string(m.sites[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ResetRequest message, length delimited. Does not implicitly {@link iisfleet.v1.ResetRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {iisfleet.v1.ResetRequest.$Properties} message ResetRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ResetRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ResetRequest message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.ResetRequest & iisfleet.v1.ResetRequest.$Shape} ResetRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ResetRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.ResetRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.operation = v;
                            else
                                delete m.operation;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.level = v;
                            else
                                delete m.level;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.force = v;
                            else
                                delete m.force;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.timeoutMs = v;
                            else
                                delete m.timeoutMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.rebootOnError = v;
                            else
                                delete m.rebootOnError;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.skipHealth = v;
                            else
                                delete m.skipHealth;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if (!(m.pools && m.pools.length))
                                m.pools = [];
                            m.pools.push(r.stringVerify());
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.startStopped = v;
                            else
                                delete m.startStopped;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if (!(m.sites && m.sites.length))
                                m.sites = [];
                            m.sites.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ResetRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.ResetRequest & iisfleet.v1.ResetRequest.$Shape} ResetRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ResetRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ResetRequest message.
             * @function verify
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ResetRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.operation != null && $Object.hasOwnProperty.call(m, "operation")) {
                    if (typeof m.operation !== "number" || (m.operation | 0) !== m.operation)
                        return "operation: enum value expected";
                }
                if (m.level != null && $Object.hasOwnProperty.call(m, "level")) {
                    if (typeof m.level !== "number" || (m.level | 0) !== m.level)
                        return "level: enum value expected";
                }
                if (m.force != null && $Object.hasOwnProperty.call(m, "force")) {
                    if (typeof m.force !== "boolean")
                        return "force: boolean expected";
                }
                if (m.timeoutMs != null && $Object.hasOwnProperty.call(m, "timeoutMs")) {
                    if (!$util.isInteger(m.timeoutMs))
                        return "timeoutMs: integer expected";
                }
                if (m.rebootOnError != null && $Object.hasOwnProperty.call(m, "rebootOnError")) {
                    if (typeof m.rebootOnError !== "boolean")
                        return "rebootOnError: boolean expected";
                }
                if (m.skipHealth != null && $Object.hasOwnProperty.call(m, "skipHealth")) {
                    if (typeof m.skipHealth !== "boolean")
                        return "skipHealth: boolean expected";
                }
                if (m.pools != null && $Object.hasOwnProperty.call(m, "pools")) {
                    if (!$Array.isArray(m.pools))
                        return "pools: array expected";
                    for (var i = 0; i < m.pools.length; ++i) {
                        if (!$util.isString(m.pools[i]))
                            return "pools: string[] expected";
                    }
                }
                if (m.startStopped != null && $Object.hasOwnProperty.call(m, "startStopped")) {
                    if (typeof m.startStopped !== "boolean")
                        return "startStopped: boolean expected";
                }
                if (m.sites != null && $Object.hasOwnProperty.call(m, "sites")) {
                    if (!$Array.isArray(m.sites))
                        return "sites: array expected";
                    for (var i = 0; i < m.sites.length; ++i) {
                        if (!$util.isString(m.sites[i]))
                            return "sites: string[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates a ResetRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.ResetRequest} ResetRequest
             */
            ResetRequest.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.ResetRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.ResetRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.ResetRequest();
                if (d.operation !== 0 && (typeof d.operation !== "string" || $root.iisfleet.v1.Operation[d.operation] !== 0)) {
                    switch (d.operation) {
                    case "OPERATION_UNSPECIFIED":
                    case 0:
                        m.operation = 0;
                        break;
                    case "OPERATION_RESTART":
                    case 1:
                        m.operation = 1;
                        break;
                    case "OPERATION_STOP":
                    case 2:
                        m.operation = 2;
                        break;
                    case "OPERATION_START":
                    case 3:
                        m.operation = 3;
                        break;
                    default:
                        if (typeof d.operation === "number" && (d.operation | 0) === d.operation)
                            m.operation = d.operation;
                    }
                }
                if (d.level !== 0 && (typeof d.level !== "string" || $root.iisfleet.v1.ResetLevel[d.level] !== 0)) {
                    switch (d.level) {
                    case "RESET_LEVEL_UNSPECIFIED":
                    case 0:
                        m.level = 0;
                        break;
                    case "RESET_LEVEL_RECYCLE":
                    case 1:
                        m.level = 1;
                        break;
                    case "RESET_LEVEL_W3SVC":
                    case 2:
                        m.level = 2;
                        break;
                    case "RESET_LEVEL_IIS":
                    case 3:
                        m.level = 3;
                        break;
                    case "RESET_LEVEL_HTTP":
                    case 4:
                        m.level = 4;
                        break;
                    case "RESET_LEVEL_SITE":
                    case 5:
                        m.level = 5;
                        break;
                    default:
                        if (typeof d.level === "number" && (d.level | 0) === d.level)
                            m.level = d.level;
                    }
                }
                if (d.force != null) {
                    if (d.force) {
                        m.force = $Boolean(d.force);
                    }
                }
                if (d.timeoutMs != null) {
                    if ($Number(d.timeoutMs) !== 0) {
                        m.timeoutMs = d.timeoutMs >>> 0;
                    }
                }
                if (d.rebootOnError != null) {
                    if (d.rebootOnError) {
                        m.rebootOnError = $Boolean(d.rebootOnError);
                    }
                }
                if (d.skipHealth != null) {
                    if (d.skipHealth) {
                        m.skipHealth = $Boolean(d.skipHealth);
                    }
                }
                if (d.pools) {
                    if (!$Array.isArray(d.pools))
                        throw $TypeError(".iisfleet.v1.ResetRequest.pools: array expected");
                    m.pools = $Array(d.pools.length);
                    for (var i = 0; i < d.pools.length; ++i) {
                        m.pools[i] = $String(d.pools[i]);
                    }
                }
                if (d.startStopped != null) {
                    if (d.startStopped) {
                        m.startStopped = $Boolean(d.startStopped);
                    }
                }
                if (d.sites) {
                    if (!$Array.isArray(d.sites))
                        throw $TypeError(".iisfleet.v1.ResetRequest.sites: array expected");
                    m.sites = $Array(d.sites.length);
                    for (var i = 0; i < d.sites.length; ++i) {
                        m.sites[i] = $String(d.sites[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ResetRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {iisfleet.v1.ResetRequest} m ResetRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ResetRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.pools = [];
                    d.sites = [];
                }
                if (o.defaults) {
                    d.operation = o.enums === $String ? "OPERATION_UNSPECIFIED" : 0;
                    d.level = o.enums === $String ? "RESET_LEVEL_UNSPECIFIED" : 0;
                    d.force = false;
                    d.timeoutMs = 0;
                    d.rebootOnError = false;
                    d.skipHealth = false;
                    d.startStopped = false;
                }
                if (m.operation != null && $Object.hasOwnProperty.call(m, "operation")) {
                    d.operation = o.enums === $String ? $root.iisfleet.v1.Operation[m.operation] === $undefined ? m.operation : $root.iisfleet.v1.Operation[m.operation] : m.operation;
                }
                if (m.level != null && $Object.hasOwnProperty.call(m, "level")) {
                    d.level = o.enums === $String ? $root.iisfleet.v1.ResetLevel[m.level] === $undefined ? m.level : $root.iisfleet.v1.ResetLevel[m.level] : m.level;
                }
                if (m.force != null && $Object.hasOwnProperty.call(m, "force")) {
                    d.force = m.force;
                }
                if (m.timeoutMs != null && $Object.hasOwnProperty.call(m, "timeoutMs")) {
                    d.timeoutMs = m.timeoutMs;
                }
                if (m.rebootOnError != null && $Object.hasOwnProperty.call(m, "rebootOnError")) {
                    d.rebootOnError = m.rebootOnError;
                }
                if (m.skipHealth != null && $Object.hasOwnProperty.call(m, "skipHealth")) {
                    d.skipHealth = m.skipHealth;
                }
                if (m.pools && m.pools.length) {
                    d.pools = $Array(m.pools.length);
                    for (var j = 0; j < m.pools.length; ++j) {
                        d.pools[j] = m.pools[j];
                    }
                }
                if (m.startStopped != null && $Object.hasOwnProperty.call(m, "startStopped")) {
                    d.startStopped = m.startStopped;
                }
                if (m.sites && m.sites.length) {
                    d.sites = $Array(m.sites.length);
                    for (var j = 0; j < m.sites.length; ++j) {
                        d.sites[j] = m.sites[j];
                    }
                }
                return d;
            };

            /**
             * Converts this ResetRequest to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.ResetRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ResetRequest.prototype.toJSON = function() {
                return ResetRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ResetRequest
             * @function getTypeUrl
             * @memberof iisfleet.v1.ResetRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ResetRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.ResetRequest";
            };

            return ResetRequest;
        })();

        v1.CordonRequest = (function() {

            /**
             * Properties of a CordonRequest.
             * @typedef {Object} iisfleet.v1.CordonRequest.$Properties
             * @property {boolean|null} [cordoned] CordonRequest cordoned
             * @property {string|null} [reason] CordonRequest reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CordonRequest.
             * @memberof iisfleet.v1
             * @interface ICordonRequest
             * @augments iisfleet.v1.CordonRequest.$Properties
             * @deprecated Use iisfleet.v1.CordonRequest.$Properties instead.
             */

            /**
             * Shape of a CordonRequest.
             * @typedef {iisfleet.v1.CordonRequest.$Properties} iisfleet.v1.CordonRequest.$Shape
             */

            /**
             * Constructs a new CordonRequest.
             * @memberof iisfleet.v1
             * @classdesc Represents a CordonRequest.
             * @constructor
             * @param {iisfleet.v1.CordonRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CordonRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * CordonRequest cordoned.
             * @member {boolean} cordoned
             * @memberof iisfleet.v1.CordonRequest
             * @instance
             */
            CordonRequest.prototype.cordoned = false;

            /**
             * CordonRequest reason.
             * @member {string} reason
             * @memberof iisfleet.v1.CordonRequest
             * @instance
             */
            CordonRequest.prototype.reason = "";

            /**
             * Creates a new CordonRequest instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {iisfleet.v1.CordonRequest.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.CordonRequest} CordonRequest instance
             * @type {{
             *   (properties: iisfleet.v1.CordonRequest.$Shape): iisfleet.v1.CordonRequest & iisfleet.v1.CordonRequest.$Shape;
             *   (properties?: iisfleet.v1.CordonRequest.$Properties): iisfleet.v1.CordonRequest;
             * }}
             */
            CordonRequest.create = function(properties) {
                return new CordonRequest(properties);
            };

            /**
             * Encodes the specified CordonRequest message. Does not implicitly {@link iisfleet.v1.CordonRequest.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {iisfleet.v1.CordonRequest.$Properties} m CordonRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CordonRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.cordoned != null && $Object.hasOwnProperty.call(m, "cordoned") && m.cordoned !== false)
                    w.uint32(/* id 1, wireType 0 =*/8).bool(m.cordoned);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.reason);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified CordonRequest message, length delimited. Does not implicitly {@link iisfleet.v1.CordonRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {iisfleet.v1.CordonRequest.$Properties} message CordonRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CordonRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CordonRequest message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.CordonRequest & iisfleet.v1.CordonRequest.$Shape} CordonRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CordonRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.CordonRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.cordoned = v;
                            else
                                delete m.cordoned;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a CordonRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.CordonRequest & iisfleet.v1.CordonRequest.$Shape} CordonRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CordonRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CordonRequest message.
             * @function verify
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CordonRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.cordoned != null && $Object.hasOwnProperty.call(m, "cordoned")) {
                    if (typeof m.cordoned !== "boolean")
                        return "cordoned: boolean expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                return null;
            };

            /**
             * Creates a CordonRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.CordonRequest} CordonRequest
             */
            CordonRequest.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.CordonRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.CordonRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.CordonRequest();
                if (d.cordoned != null) {
                    if (d.cordoned) {
                        m.cordoned = $Boolean(d.cordoned);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a CordonRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {iisfleet.v1.CordonRequest} m CordonRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CordonRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.cordoned = false;
                    d.reason = "";
                }
                if (m.cordoned != null && $Object.hasOwnProperty.call(m, "cordoned")) {
                    d.cordoned = m.cordoned;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                return d;
            };

            /**
             * Converts this CordonRequest to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.CordonRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CordonRequest.prototype.toJSON = function() {
                return CordonRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CordonRequest
             * @function getTypeUrl
             * @memberof iisfleet.v1.CordonRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CordonRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.CordonRequest";
            };

            return CordonRequest;
        })();

        v1.LbMemberRequest = (function() {

            /**
             * Properties of a LbMemberRequest.
             * @typedef {Object} iisfleet.v1.LbMemberRequest.$Properties
             * @property {string|null} [webFarm] LbMemberRequest webFarm
             * @property {string|null} [server] LbMemberRequest server
             * @property {iisfleet.v1.LbMemberAction|null} [action] LbMemberRequest action
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LbMemberRequest.
             * @memberof iisfleet.v1
             * @interface ILbMemberRequest
             * @augments iisfleet.v1.LbMemberRequest.$Properties
             * @deprecated Use iisfleet.v1.LbMemberRequest.$Properties instead.
             */

            /**
             * Shape of a LbMemberRequest.
             * @typedef {iisfleet.v1.LbMemberRequest.$Properties} iisfleet.v1.LbMemberRequest.$Shape
             */

            /**
             * Constructs a new LbMemberRequest.
             * @memberof iisfleet.v1
             * @classdesc Represents a LbMemberRequest.
             * @constructor
             * @param {iisfleet.v1.LbMemberRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LbMemberRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * LbMemberRequest webFarm.
             * @member {string} webFarm
             * @memberof iisfleet.v1.LbMemberRequest
             * @instance
             */
            LbMemberRequest.prototype.webFarm = "";

            /**
             * LbMemberRequest server.
             * @member {string} server
             * @memberof iisfleet.v1.LbMemberRequest
             * @instance
             */
            LbMemberRequest.prototype.server = "";

            /**
             * LbMemberRequest action.
             * @member {iisfleet.v1.LbMemberAction} action
             * @memberof iisfleet.v1.LbMemberRequest
             * @instance
             */
            LbMemberRequest.prototype.action = 0;

            /**
             * Creates a new LbMemberRequest instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {iisfleet.v1.LbMemberRequest.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.LbMemberRequest} LbMemberRequest instance
             * @type {{
             *   (properties: iisfleet.v1.LbMemberRequest.$Shape): iisfleet.v1.LbMemberRequest & iisfleet.v1.LbMemberRequest.$Shape;
             *   (properties?: iisfleet.v1.LbMemberRequest.$Properties): iisfleet.v1.LbMemberRequest;
             * }}
             */
            LbMemberRequest.create = function(properties) {
                return new LbMemberRequest(properties);
            };

            /**
             * Encodes the specified LbMemberRequest message. Does not implicitly {@link iisfleet.v1.LbMemberRequest.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {iisfleet.v1.LbMemberRequest.$Properties} m LbMemberRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LbMemberRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.webFarm != null && $Object.hasOwnProperty.call(m, "webFarm") && m.webFarm !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.webFarm);
                if (m.server != null && $Object.hasOwnProperty.call(m, "server") && m.server !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.server);
                if (m.action != null && $Object.hasOwnProperty.call(m, "action") && m.action !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.action);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified LbMemberRequest message, length delimited. Does not implicitly {@link iisfleet.v1.LbMemberRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {iisfleet.v1.LbMemberRequest.$Properties} message LbMemberRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LbMemberRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a LbMemberRequest message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.LbMemberRequest & iisfleet.v1.LbMemberRequest.$Shape} LbMemberRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LbMemberRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.LbMemberRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.webFarm = v;
                            else
                                delete m.webFarm;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.server = v;
                            else
                                delete m.server;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.action = v;
                            else
                                delete m.action;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a LbMemberRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.LbMemberRequest & iisfleet.v1.LbMemberRequest.$Shape} LbMemberRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LbMemberRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a LbMemberRequest message.
             * @function verify
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            LbMemberRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.webFarm != null && $Object.hasOwnProperty.call(m, "webFarm")) {
                    if (!$util.isString(m.webFarm))
                        return "webFarm: string expected";
                }
                if (m.server != null && $Object.hasOwnProperty.call(m, "server")) {
                    if (!$util.isString(m.server))
                        return "server: string expected";
                }
                if (m.action != null && $Object.hasOwnProperty.call(m, "action")) {
                    if (typeof m.action !== "number" || (m.action | 0) !== m.action)
                        return "action: enum value expected";
                }
                return null;
            };

            /**
             * Creates a LbMemberRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.LbMemberRequest} LbMemberRequest
             */
            LbMemberRequest.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.LbMemberRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.LbMemberRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.LbMemberRequest();
                if (d.webFarm != null) {
                    if (typeof d.webFarm !== "string" || d.webFarm.length) {
                        m.webFarm = $String(d.webFarm);
                    }
                }
                if (d.server != null) {
                    if (typeof d.server !== "string" || d.server.length) {
                        m.server = $String(d.server);
                    }
                }
                if (d.action !== 0 && (typeof d.action !== "string" || $root.iisfleet.v1.LbMemberAction[d.action] !== 0)) {
                    switch (d.action) {
                    case "LB_MEMBER_ACTION_UNSPECIFIED":
                    case 0:
                        m.action = 0;
                        break;
                    case "LB_MEMBER_ACTION_STATUS":
                    case 1:
                        m.action = 1;
                        break;
                    case "LB_MEMBER_ACTION_DRAIN":
                    case 2:
                        m.action = 2;
                        break;
                    case "LB_MEMBER_ACTION_AVAILABLE":
                    case 3:
                        m.action = 3;
                        break;
                    default:
                        if (typeof d.action === "number" && (d.action | 0) === d.action)
                            m.action = d.action;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a LbMemberRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {iisfleet.v1.LbMemberRequest} m LbMemberRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            LbMemberRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.webFarm = "";
                    d.server = "";
                    d.action = o.enums === $String ? "LB_MEMBER_ACTION_UNSPECIFIED" : 0;
                }
                if (m.webFarm != null && $Object.hasOwnProperty.call(m, "webFarm")) {
                    d.webFarm = m.webFarm;
                }
                if (m.server != null && $Object.hasOwnProperty.call(m, "server")) {
                    d.server = m.server;
                }
                if (m.action != null && $Object.hasOwnProperty.call(m, "action")) {
                    d.action = o.enums === $String ? $root.iisfleet.v1.LbMemberAction[m.action] === $undefined ? m.action : $root.iisfleet.v1.LbMemberAction[m.action] : m.action;
                }
                return d;
            };

            /**
             * Converts this LbMemberRequest to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.LbMemberRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            LbMemberRequest.prototype.toJSON = function() {
                return LbMemberRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for LbMemberRequest
             * @function getTypeUrl
             * @memberof iisfleet.v1.LbMemberRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LbMemberRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.LbMemberRequest";
            };

            return LbMemberRequest;
        })();

        /**
         * LbMemberAction enum.
         * @name iisfleet.v1.LbMemberAction
         * @enum {number}
         * @property {number} LB_MEMBER_ACTION_UNSPECIFIED=0 LB_MEMBER_ACTION_UNSPECIFIED value
         * @property {number} LB_MEMBER_ACTION_STATUS=1 LB_MEMBER_ACTION_STATUS value
         * @property {number} LB_MEMBER_ACTION_DRAIN=2 LB_MEMBER_ACTION_DRAIN value
         * @property {number} LB_MEMBER_ACTION_AVAILABLE=3 LB_MEMBER_ACTION_AVAILABLE value
         */
        v1.LbMemberAction = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "LB_MEMBER_ACTION_UNSPECIFIED"] = 0;
            values[valuesById[1] = "LB_MEMBER_ACTION_STATUS"] = 1;
            values[valuesById[2] = "LB_MEMBER_ACTION_DRAIN"] = 2;
            values[valuesById[3] = "LB_MEMBER_ACTION_AVAILABLE"] = 3;
            return values;
        })();

        /**
         * LbMemberState enum.
         * @name iisfleet.v1.LbMemberState
         * @enum {number}
         * @property {number} LB_MEMBER_STATE_UNSPECIFIED=0 LB_MEMBER_STATE_UNSPECIFIED value
         * @property {number} LB_MEMBER_STATE_AVAILABLE=1 LB_MEMBER_STATE_AVAILABLE value
         * @property {number} LB_MEMBER_STATE_DRAIN=2 LB_MEMBER_STATE_DRAIN value
         * @property {number} LB_MEMBER_STATE_UNAVAILABLE=3 LB_MEMBER_STATE_UNAVAILABLE value
         */
        v1.LbMemberState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "LB_MEMBER_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "LB_MEMBER_STATE_AVAILABLE"] = 1;
            values[valuesById[2] = "LB_MEMBER_STATE_DRAIN"] = 2;
            values[valuesById[3] = "LB_MEMBER_STATE_UNAVAILABLE"] = 3;
            return values;
        })();

        v1.LbMemberStatus = (function() {

            /**
             * Properties of a LbMemberStatus.
             * @typedef {Object} iisfleet.v1.LbMemberStatus.$Properties
             * @property {string|null} [webFarm] LbMemberStatus webFarm
             * @property {string|null} [server] LbMemberStatus server
             * @property {iisfleet.v1.LbMemberState|null} [state] LbMemberStatus state
             * @property {boolean|null} [healthy] LbMemberStatus healthy
             * @property {number|null} [currentRequests] LbMemberStatus currentRequests
             * @property {number|null} [totalRequests] LbMemberStatus totalRequests
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LbMemberStatus.
             * @memberof iisfleet.v1
             * @interface ILbMemberStatus
             * @augments iisfleet.v1.LbMemberStatus.$Properties
             * @deprecated Use iisfleet.v1.LbMemberStatus.$Properties instead.
             */

            /**
             * Shape of a LbMemberStatus.
             * @typedef {iisfleet.v1.LbMemberStatus.$Properties} iisfleet.v1.LbMemberStatus.$Shape
             */

            /**
             * Constructs a new LbMemberStatus.
             * @memberof iisfleet.v1
             * @classdesc Represents a LbMemberStatus.
             * @constructor
             * @param {iisfleet.v1.LbMemberStatus.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LbMemberStatus = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * LbMemberStatus webFarm.
             * @member {string} webFarm
             * @memberof iisfleet.v1.LbMemberStatus
             * @instance
             */
            LbMemberStatus.prototype.webFarm = "";

            /**
             * LbMemberStatus server.
             * @member {string} server
             * @memberof iisfleet.v1.LbMemberStatus
             * @instance
             */
            LbMemberStatus.prototype.server = "";

            /**
             * LbMemberStatus state.
             * @member {iisfleet.v1.LbMemberState} state
             * @memberof iisfleet.v1.LbMemberStatus
             * @instance
             */
            LbMemberStatus.prototype.state = 0;

            /**
             * LbMemberStatus healthy.
             * @member {boolean} healthy
             * @memberof iisfleet.v1.LbMemberStatus
             * @instance
             */
            LbMemberStatus.prototype.healthy = false;

            /**
             * LbMemberStatus currentRequests.
             * @member {number} currentRequests
             * @memberof iisfleet.v1.LbMemberStatus
             * @instance
             */
            LbMemberStatus.prototype.currentRequests = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * LbMemberStatus totalRequests.
             * @member {number} totalRequests
             * @memberof iisfleet.v1.LbMemberStatus
             * @instance
             */
            LbMemberStatus.prototype.totalRequests = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new LbMemberStatus instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {iisfleet.v1.LbMemberStatus.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.LbMemberStatus} LbMemberStatus instance
             * @type {{
             *   (properties: iisfleet.v1.LbMemberStatus.$Shape): iisfleet.v1.LbMemberStatus & iisfleet.v1.LbMemberStatus.$Shape;
             *   (properties?: iisfleet.v1.LbMemberStatus.$Properties): iisfleet.v1.LbMemberStatus;
             * }}
             */
            LbMemberStatus.create = function(properties) {
                return new LbMemberStatus(properties);
            };

            /**
             * Encodes the specified LbMemberStatus message. Does not implicitly {@link iisfleet.v1.LbMemberStatus.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {iisfleet.v1.LbMemberStatus.$Properties} m LbMemberStatus message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LbMemberStatus.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.webFarm != null && $Object.hasOwnProperty.call(m, "webFarm") && m.webFarm !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.webFarm);
                if (m.server != null && $Object.hasOwnProperty.call(m, "server") && m.server !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.server);
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.state);
                if (m.healthy != null && $Object.hasOwnProperty.call(m, "healthy") && m.healthy !== false)
                    w.uint32(/* id 4, wireType 0 =*/32).bool(m.healthy);
                if (m.currentRequests != null && $Object.hasOwnProperty.call(m, "currentRequests") && (typeof m.currentRequests === "object" ? m.currentRequests.low || m.currentRequests.high : m.currentRequests !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).uint64(m.currentRequests);
                if (m.totalRequests != null && $Object.hasOwnProperty.call(m, "totalRequests") && (typeof m.totalRequests === "object" ? m.totalRequests.low || m.totalRequests.high : m.totalRequests !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.totalRequests);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified LbMemberStatus message, length delimited. Does not implicitly {@link iisfleet.v1.LbMemberStatus.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {iisfleet.v1.LbMemberStatus.$Properties} message LbMemberStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LbMemberStatus.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a LbMemberStatus message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.LbMemberStatus & iisfleet.v1.LbMemberStatus.$Shape} LbMemberStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LbMemberStatus.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.LbMemberStatus();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.webFarm = v;
                            else
                                delete m.webFarm;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.server = v;
                            else
                                delete m.server;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.healthy = v;
                            else
                                delete m.healthy;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.currentRequests = v;
                            else
                                delete m.currentRequests;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.totalRequests = v;
                            else
                                delete m.totalRequests;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a LbMemberStatus message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.LbMemberStatus & iisfleet.v1.LbMemberStatus.$Shape} LbMemberStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LbMemberStatus.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a LbMemberStatus message.
             * @function verify
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            LbMemberStatus.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.webFarm != null && $Object.hasOwnProperty.call(m, "webFarm")) {
                    if (!$util.isString(m.webFarm))
                        return "webFarm: string expected";
                }
                if (m.server != null && $Object.hasOwnProperty.call(m, "server")) {
                    if (!$util.isString(m.server))
                        return "server: string expected";
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    if (typeof m.state !== "number" || (m.state | 0) !== m.state)
                        return "state: enum value expected";
                }
                if (m.healthy != null && $Object.hasOwnProperty.call(m, "healthy")) {
                    if (typeof m.healthy !== "boolean")
                        return "healthy: boolean expected";
                }
                if (m.currentRequests != null && $Object.hasOwnProperty.call(m, "currentRequests")) {
                    if (!$util.isInteger(m.currentRequests) && !(m.currentRequests && $util.isInteger(m.currentRequests.low) && $util.isInteger(m.currentRequests.high)))
                        return "currentRequests: integer|Long expected";
                }
                if (m.totalRequests != null && $Object.hasOwnProperty.call(m, "totalRequests")) {
                    if (!$util.isInteger(m.totalRequests) && !(m.totalRequests && $util.isInteger(m.totalRequests.low) && $util.isInteger(m.totalRequests.high)))
                        return "totalRequests: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a LbMemberStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.LbMemberStatus} LbMemberStatus
             */
            LbMemberStatus.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.LbMemberStatus)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.LbMemberStatus: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.LbMemberStatus();
                if (d.webFarm != null) {
                    if (typeof d.webFarm !== "string" || d.webFarm.length) {
                        m.webFarm = $String(d.webFarm);
                    }
                }
                if (d.server != null) {
                    if (typeof d.server !== "string" || d.server.length) {
                        m.server = $String(d.server);
                    }
                }
                if (d.state !== 0 && (typeof d.state !== "string" || $root.iisfleet.v1.LbMemberState[d.state] !== 0)) {
                    switch (d.state) {
                    case "LB_MEMBER_STATE_UNSPECIFIED":
                    case 0:
                        m.state = 0;
                        break;
                    case "LB_MEMBER_STATE_AVAILABLE":
                    case 1:
                        m.state = 1;
                        break;
                    case "LB_MEMBER_STATE_DRAIN":
                    case 2:
                        m.state = 2;
                        break;
                    case "LB_MEMBER_STATE_UNAVAILABLE":
                    case 3:
                        m.state = 3;
                        break;
                    default:
                        if (typeof d.state === "number" && (d.state | 0) === d.state)
                            m.state = d.state;
                    }
                }
                if (d.healthy != null) {
                    if (d.healthy) {
                        m.healthy = $Boolean(d.healthy);
                    }
                }
                if (d.currentRequests != null) {
                    if (typeof d.currentRequests === "object" ? d.currentRequests.low || d.currentRequests.high : $Number(d.currentRequests) !== 0) {
                        if ($util.Long)
                            m.currentRequests = $util.Long.fromValue(d.currentRequests, true);
                        else if (typeof d.currentRequests === "string")
                            m.currentRequests = $parseInt(d.currentRequests, 10);
                        else if (typeof d.currentRequests === "number")
                            m.currentRequests = d.currentRequests;
                        else if (typeof d.currentRequests === "object")
                            m.currentRequests = new $util.LongBits(d.currentRequests.low >>> 0, d.currentRequests.high >>> 0).toNumber(true);
                    }
                }
                if (d.totalRequests != null) {
                    if (typeof d.totalRequests === "object" ? d.totalRequests.low || d.totalRequests.high : $Number(d.totalRequests) !== 0) {
                        if ($util.Long)
                            m.totalRequests = $util.Long.fromValue(d.totalRequests, true);
                        else if (typeof d.totalRequests === "string")
                            m.totalRequests = $parseInt(d.totalRequests, 10);
                        else if (typeof d.totalRequests === "number")
                            m.totalRequests = d.totalRequests;
                        else if (typeof d.totalRequests === "object")
                            m.totalRequests = new $util.LongBits(d.totalRequests.low >>> 0, d.totalRequests.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a LbMemberStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {iisfleet.v1.LbMemberStatus} m LbMemberStatus
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            LbMemberStatus.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.webFarm = "";
                    d.server = "";
                    d.state = o.enums === $String ? "LB_MEMBER_STATE_UNSPECIFIED" : 0;
                    d.healthy = false;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.currentRequests = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.currentRequests = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.totalRequests = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.totalRequests = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.webFarm != null && $Object.hasOwnProperty.call(m, "webFarm")) {
                    d.webFarm = m.webFarm;
                }
                if (m.server != null && $Object.hasOwnProperty.call(m, "server")) {
                    d.server = m.server;
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = o.enums === $String ? $root.iisfleet.v1.LbMemberState[m.state] === $undefined ? m.state : $root.iisfleet.v1.LbMemberState[m.state] : m.state;
                }
                if (m.healthy != null && $Object.hasOwnProperty.call(m, "healthy")) {
                    d.healthy = m.healthy;
                }
                if (m.currentRequests != null && $Object.hasOwnProperty.call(m, "currentRequests")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.currentRequests = typeof m.currentRequests === "number" ? $BigInt(m.currentRequests) : $util.Long.fromBits(m.currentRequests.low >>> 0, m.currentRequests.high >>> 0, true).toBigInt();
                    else if (typeof m.currentRequests === "number")
                        d.currentRequests = o.longs === $String ? $String(m.currentRequests) : m.currentRequests;
                    else
                        d.currentRequests = o.longs === $String ? $util.Long.prototype.toString.call(m.currentRequests) : o.longs === $Number ? new $util.LongBits(m.currentRequests.low >>> 0, m.currentRequests.high >>> 0).toNumber(true) : m.currentRequests;
                }
                if (m.totalRequests != null && $Object.hasOwnProperty.call(m, "totalRequests")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.totalRequests = typeof m.totalRequests === "number" ? $BigInt(m.totalRequests) : $util.Long.fromBits(m.totalRequests.low >>> 0, m.totalRequests.high >>> 0, true).toBigInt();
                    else if (typeof m.totalRequests === "number")
                        d.totalRequests = o.longs === $String ? $String(m.totalRequests) : m.totalRequests;
                    else
                        d.totalRequests = o.longs === $String ? $util.Long.prototype.toString.call(m.totalRequests) : o.longs === $Number ? new $util.LongBits(m.totalRequests.low >>> 0, m.totalRequests.high >>> 0).toNumber(true) : m.totalRequests;
                }
                return d;
            };

            /**
             * Converts this LbMemberStatus to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.LbMemberStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            LbMemberStatus.prototype.toJSON = function() {
                return LbMemberStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for LbMemberStatus
             * @function getTypeUrl
             * @memberof iisfleet.v1.LbMemberStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LbMemberStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.LbMemberStatus";
            };

            return LbMemberStatus;
        })();

        v1.OutcomeQuery = (function() {

            /**
             * Properties of an OutcomeQuery.
             * @typedef {Object} iisfleet.v1.OutcomeQuery.$Properties
             * @property {string|null} [commandId] OutcomeQuery commandId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OutcomeQuery.
             * @memberof iisfleet.v1
             * @interface IOutcomeQuery
             * @augments iisfleet.v1.OutcomeQuery.$Properties
             * @deprecated Use iisfleet.v1.OutcomeQuery.$Properties instead.
             */

            /**
             * Shape of an OutcomeQuery.
             * @typedef {iisfleet.v1.OutcomeQuery.$Properties} iisfleet.v1.OutcomeQuery.$Shape
             */

            /**
             * Constructs a new OutcomeQuery.
             * @memberof iisfleet.v1
             * @classdesc Represents an OutcomeQuery.
             * @constructor
             * @param {iisfleet.v1.OutcomeQuery.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OutcomeQuery = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * OutcomeQuery commandId.
             * @member {string} commandId
             * @memberof iisfleet.v1.OutcomeQuery
             * @instance
             */
            OutcomeQuery.prototype.commandId = "";

            /**
             * Creates a new OutcomeQuery instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {iisfleet.v1.OutcomeQuery.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.OutcomeQuery} OutcomeQuery instance
             * @type {{
             *   (properties: iisfleet.v1.OutcomeQuery.$Shape): iisfleet.v1.OutcomeQuery & iisfleet.v1.OutcomeQuery.$Shape;
             *   (properties?: iisfleet.v1.OutcomeQuery.$Properties): iisfleet.v1.OutcomeQuery;
             * }}
             */
            OutcomeQuery.create = function(properties) {
                return new OutcomeQuery(properties);
            };

            /**
             * Encodes the specified OutcomeQuery message. Does not implicitly {@link iisfleet.v1.OutcomeQuery.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {iisfleet.v1.OutcomeQuery.$Properties} m OutcomeQuery message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OutcomeQuery.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.commandId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified OutcomeQuery message, length delimited. Does not implicitly {@link iisfleet.v1.OutcomeQuery.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {iisfleet.v1.OutcomeQuery.$Properties} message OutcomeQuery message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OutcomeQuery.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OutcomeQuery message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.OutcomeQuery & iisfleet.v1.OutcomeQuery.$Shape} OutcomeQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OutcomeQuery.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.OutcomeQuery();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an OutcomeQuery message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.OutcomeQuery & iisfleet.v1.OutcomeQuery.$Shape} OutcomeQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OutcomeQuery.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OutcomeQuery message.
             * @function verify
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OutcomeQuery.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                return null;
            };

            /**
             * Creates an OutcomeQuery message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.OutcomeQuery} OutcomeQuery
             */
            OutcomeQuery.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.OutcomeQuery)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.OutcomeQuery: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.OutcomeQuery();
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an OutcomeQuery message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {iisfleet.v1.OutcomeQuery} m OutcomeQuery
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OutcomeQuery.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.commandId = "";
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                return d;
            };

            /**
             * Converts this OutcomeQuery to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.OutcomeQuery
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OutcomeQuery.prototype.toJSON = function() {
                return OutcomeQuery.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OutcomeQuery
             * @function getTypeUrl
             * @memberof iisfleet.v1.OutcomeQuery
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OutcomeQuery.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.OutcomeQuery";
            };

            return OutcomeQuery;
        })();

        /**
         * Outcome enum.
         * @name iisfleet.v1.Outcome
         * @enum {number}
         * @property {number} OUTCOME_UNSPECIFIED=0 OUTCOME_UNSPECIFIED value
         * @property {number} OUTCOME_SUCCEEDED=1 OUTCOME_SUCCEEDED value
         * @property {number} OUTCOME_FAILED=2 OUTCOME_FAILED value
         * @property {number} OUTCOME_REJECTED=3 OUTCOME_REJECTED value
         * @property {number} OUTCOME_UNKNOWN_COMMAND=4 OUTCOME_UNKNOWN_COMMAND value
         * @property {number} OUTCOME_IN_PROGRESS=5 OUTCOME_IN_PROGRESS value
         */
        v1.Outcome = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "OUTCOME_UNSPECIFIED"] = 0;
            values[valuesById[1] = "OUTCOME_SUCCEEDED"] = 1;
            values[valuesById[2] = "OUTCOME_FAILED"] = 2;
            values[valuesById[3] = "OUTCOME_REJECTED"] = 3;
            values[valuesById[4] = "OUTCOME_UNKNOWN_COMMAND"] = 4;
            values[valuesById[5] = "OUTCOME_IN_PROGRESS"] = 5;
            return values;
        })();

        /**
         * ServiceState enum.
         * @name iisfleet.v1.ServiceState
         * @enum {number}
         * @property {number} SERVICE_STATE_UNSPECIFIED=0 SERVICE_STATE_UNSPECIFIED value
         * @property {number} SERVICE_STATE_STOPPED=1 SERVICE_STATE_STOPPED value
         * @property {number} SERVICE_STATE_START_PENDING=2 SERVICE_STATE_START_PENDING value
         * @property {number} SERVICE_STATE_STOP_PENDING=3 SERVICE_STATE_STOP_PENDING value
         * @property {number} SERVICE_STATE_RUNNING=4 SERVICE_STATE_RUNNING value
         * @property {number} SERVICE_STATE_CONTINUE_PENDING=5 SERVICE_STATE_CONTINUE_PENDING value
         * @property {number} SERVICE_STATE_PAUSE_PENDING=6 SERVICE_STATE_PAUSE_PENDING value
         * @property {number} SERVICE_STATE_PAUSED=7 SERVICE_STATE_PAUSED value
         * @property {number} SERVICE_STATE_NOT_INSTALLED=100 SERVICE_STATE_NOT_INSTALLED value
         */
        v1.ServiceState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SERVICE_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SERVICE_STATE_STOPPED"] = 1;
            values[valuesById[2] = "SERVICE_STATE_START_PENDING"] = 2;
            values[valuesById[3] = "SERVICE_STATE_STOP_PENDING"] = 3;
            values[valuesById[4] = "SERVICE_STATE_RUNNING"] = 4;
            values[valuesById[5] = "SERVICE_STATE_CONTINUE_PENDING"] = 5;
            values[valuesById[6] = "SERVICE_STATE_PAUSE_PENDING"] = 6;
            values[valuesById[7] = "SERVICE_STATE_PAUSED"] = 7;
            values[valuesById[100] = "SERVICE_STATE_NOT_INSTALLED"] = 100;
            return values;
        })();

        /**
         * StepAction enum.
         * @name iisfleet.v1.StepAction
         * @enum {number}
         * @property {number} STEP_ACTION_UNSPECIFIED=0 STEP_ACTION_UNSPECIFIED value
         * @property {number} STEP_ACTION_STOP=1 STEP_ACTION_STOP value
         * @property {number} STEP_ACTION_START=2 STEP_ACTION_START value
         * @property {number} STEP_ACTION_KILL_PROCESS=3 STEP_ACTION_KILL_PROCESS value
         * @property {number} STEP_ACTION_RECYCLE_POOL=4 STEP_ACTION_RECYCLE_POOL value
         * @property {number} STEP_ACTION_PROBE=5 STEP_ACTION_PROBE value
         * @property {number} STEP_ACTION_REBOOT=6 STEP_ACTION_REBOOT value
         * @property {number} STEP_ACTION_STOP_SITE=7 STEP_ACTION_STOP_SITE value
         * @property {number} STEP_ACTION_START_SITE=8 STEP_ACTION_START_SITE value
         * @property {number} STEP_ACTION_START_POOL=9 STEP_ACTION_START_POOL value
         */
        v1.StepAction = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "STEP_ACTION_UNSPECIFIED"] = 0;
            values[valuesById[1] = "STEP_ACTION_STOP"] = 1;
            values[valuesById[2] = "STEP_ACTION_START"] = 2;
            values[valuesById[3] = "STEP_ACTION_KILL_PROCESS"] = 3;
            values[valuesById[4] = "STEP_ACTION_RECYCLE_POOL"] = 4;
            values[valuesById[5] = "STEP_ACTION_PROBE"] = 5;
            values[valuesById[6] = "STEP_ACTION_REBOOT"] = 6;
            values[valuesById[7] = "STEP_ACTION_STOP_SITE"] = 7;
            values[valuesById[8] = "STEP_ACTION_START_SITE"] = 8;
            values[valuesById[9] = "STEP_ACTION_START_POOL"] = 9;
            return values;
        })();

        v1.Step = (function() {

            /**
             * Properties of a Step.
             * @typedef {Object} iisfleet.v1.Step.$Properties
             * @property {number|null} [seq] Step seq
             * @property {iisfleet.v1.StepAction|null} [action] Step action
             * @property {string|null} [target] Step target
             * @property {iisfleet.v1.ServiceState|null} [fromState] Step fromState
             * @property {iisfleet.v1.ServiceState|null} [toState] Step toState
             * @property {number|null} [durationMs] Step durationMs
             * @property {number|null} [win32Error] Step win32Error
             * @property {string|null} [message] Step message
             * @property {boolean|null} [ok] Step ok
             * @property {boolean|null} [skipped] Step skipped
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Step.
             * @memberof iisfleet.v1
             * @interface IStep
             * @augments iisfleet.v1.Step.$Properties
             * @deprecated Use iisfleet.v1.Step.$Properties instead.
             */

            /**
             * Shape of a Step.
             * @typedef {iisfleet.v1.Step.$Properties} iisfleet.v1.Step.$Shape
             */

            /**
             * Constructs a new Step.
             * @memberof iisfleet.v1
             * @classdesc Represents a Step.
             * @constructor
             * @param {iisfleet.v1.Step.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Step = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Step seq.
             * @member {number} seq
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.seq = 0;

            /**
             * Step action.
             * @member {iisfleet.v1.StepAction} action
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.action = 0;

            /**
             * Step target.
             * @member {string} target
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.target = "";

            /**
             * Step fromState.
             * @member {iisfleet.v1.ServiceState} fromState
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.fromState = 0;

            /**
             * Step toState.
             * @member {iisfleet.v1.ServiceState} toState
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.toState = 0;

            /**
             * Step durationMs.
             * @member {number} durationMs
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.durationMs = 0;

            /**
             * Step win32Error.
             * @member {number} win32Error
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.win32Error = 0;

            /**
             * Step message.
             * @member {string} message
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.message = "";

            /**
             * Step ok.
             * @member {boolean} ok
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.ok = false;

            /**
             * Step skipped.
             * @member {boolean} skipped
             * @memberof iisfleet.v1.Step
             * @instance
             */
            Step.prototype.skipped = false;

            /**
             * Creates a new Step instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.Step
             * @static
             * @param {iisfleet.v1.Step.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.Step} Step instance
             * @type {{
             *   (properties: iisfleet.v1.Step.$Shape): iisfleet.v1.Step & iisfleet.v1.Step.$Shape;
             *   (properties?: iisfleet.v1.Step.$Properties): iisfleet.v1.Step;
             * }}
             */
            Step.create = function(properties) {
                return new Step(properties);
            };

            /**
             * Encodes the specified Step message. Does not implicitly {@link iisfleet.v1.Step.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.Step
             * @static
             * @param {iisfleet.v1.Step.$Properties} m Step message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Step.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && m.seq !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.seq);
                if (m.action != null && $Object.hasOwnProperty.call(m, "action") && m.action !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.action);
                if (m.target != null && $Object.hasOwnProperty.call(m, "target") && m.target !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.target);
                if (m.fromState != null && $Object.hasOwnProperty.call(m, "fromState") && m.fromState !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).int32(m.fromState);
                if (m.toState != null && $Object.hasOwnProperty.call(m, "toState") && m.toState !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).int32(m.toState);
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs") && m.durationMs !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.durationMs);
                if (m.win32Error != null && $Object.hasOwnProperty.call(m, "win32Error") && m.win32Error !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.win32Error);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.message);
                if (m.ok != null && $Object.hasOwnProperty.call(m, "ok") && m.ok !== false)
                    w.uint32(/* id 9, wireType 0 =*/72).bool(m.ok);
                if (m.skipped != null && $Object.hasOwnProperty.call(m, "skipped") && m.skipped !== false)
                    w.uint32(/* id 10, wireType 0 =*/80).bool(m.skipped);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Step message, length delimited. Does not implicitly {@link iisfleet.v1.Step.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.Step
             * @static
             * @param {iisfleet.v1.Step.$Properties} message Step message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Step.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Step message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.Step
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.Step & iisfleet.v1.Step.$Shape} Step
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Step.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.Step();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.action = v;
                            else
                                delete m.action;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.target = v;
                            else
                                delete m.target;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.fromState = v;
                            else
                                delete m.fromState;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.toState = v;
                            else
                                delete m.toState;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.durationMs = v;
                            else
                                delete m.durationMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.win32Error = v;
                            else
                                delete m.win32Error;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.ok = v;
                            else
                                delete m.ok;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.skipped = v;
                            else
                                delete m.skipped;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Step message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.Step
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.Step & iisfleet.v1.Step.$Shape} Step
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Step.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Step message.
             * @function verify
             * @memberof iisfleet.v1.Step
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Step.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (!$util.isInteger(m.seq))
                        return "seq: integer expected";
                }
                if (m.action != null && $Object.hasOwnProperty.call(m, "action")) {
                    if (typeof m.action !== "number" || (m.action | 0) !== m.action)
                        return "action: enum value expected";
                }
                if (m.target != null && $Object.hasOwnProperty.call(m, "target")) {
                    if (!$util.isString(m.target))
                        return "target: string expected";
                }
                if (m.fromState != null && $Object.hasOwnProperty.call(m, "fromState")) {
                    if (typeof m.fromState !== "number" || (m.fromState | 0) !== m.fromState)
                        return "fromState: enum value expected";
                }
                if (m.toState != null && $Object.hasOwnProperty.call(m, "toState")) {
                    if (typeof m.toState !== "number" || (m.toState | 0) !== m.toState)
                        return "toState: enum value expected";
                }
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs")) {
                    if (!$util.isInteger(m.durationMs))
                        return "durationMs: integer expected";
                }
                if (m.win32Error != null && $Object.hasOwnProperty.call(m, "win32Error")) {
                    if (!$util.isInteger(m.win32Error))
                        return "win32Error: integer expected";
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    if (!$util.isString(m.message))
                        return "message: string expected";
                }
                if (m.ok != null && $Object.hasOwnProperty.call(m, "ok")) {
                    if (typeof m.ok !== "boolean")
                        return "ok: boolean expected";
                }
                if (m.skipped != null && $Object.hasOwnProperty.call(m, "skipped")) {
                    if (typeof m.skipped !== "boolean")
                        return "skipped: boolean expected";
                }
                return null;
            };

            /**
             * Creates a Step message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.Step
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.Step} Step
             */
            Step.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.Step)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.Step: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.Step();
                if (d.seq != null) {
                    if ($Number(d.seq) !== 0) {
                        m.seq = d.seq >>> 0;
                    }
                }
                if (d.action !== 0 && (typeof d.action !== "string" || $root.iisfleet.v1.StepAction[d.action] !== 0)) {
                    switch (d.action) {
                    case "STEP_ACTION_UNSPECIFIED":
                    case 0:
                        m.action = 0;
                        break;
                    case "STEP_ACTION_STOP":
                    case 1:
                        m.action = 1;
                        break;
                    case "STEP_ACTION_START":
                    case 2:
                        m.action = 2;
                        break;
                    case "STEP_ACTION_KILL_PROCESS":
                    case 3:
                        m.action = 3;
                        break;
                    case "STEP_ACTION_RECYCLE_POOL":
                    case 4:
                        m.action = 4;
                        break;
                    case "STEP_ACTION_PROBE":
                    case 5:
                        m.action = 5;
                        break;
                    case "STEP_ACTION_REBOOT":
                    case 6:
                        m.action = 6;
                        break;
                    case "STEP_ACTION_STOP_SITE":
                    case 7:
                        m.action = 7;
                        break;
                    case "STEP_ACTION_START_SITE":
                    case 8:
                        m.action = 8;
                        break;
                    case "STEP_ACTION_START_POOL":
                    case 9:
                        m.action = 9;
                        break;
                    default:
                        if (typeof d.action === "number" && (d.action | 0) === d.action)
                            m.action = d.action;
                    }
                }
                if (d.target != null) {
                    if (typeof d.target !== "string" || d.target.length) {
                        m.target = $String(d.target);
                    }
                }
                if (d.fromState !== 0 && (typeof d.fromState !== "string" || $root.iisfleet.v1.ServiceState[d.fromState] !== 0)) {
                    switch (d.fromState) {
                    case "SERVICE_STATE_UNSPECIFIED":
                    case 0:
                        m.fromState = 0;
                        break;
                    case "SERVICE_STATE_STOPPED":
                    case 1:
                        m.fromState = 1;
                        break;
                    case "SERVICE_STATE_START_PENDING":
                    case 2:
                        m.fromState = 2;
                        break;
                    case "SERVICE_STATE_STOP_PENDING":
                    case 3:
                        m.fromState = 3;
                        break;
                    case "SERVICE_STATE_RUNNING":
                    case 4:
                        m.fromState = 4;
                        break;
                    case "SERVICE_STATE_CONTINUE_PENDING":
                    case 5:
                        m.fromState = 5;
                        break;
                    case "SERVICE_STATE_PAUSE_PENDING":
                    case 6:
                        m.fromState = 6;
                        break;
                    case "SERVICE_STATE_PAUSED":
                    case 7:
                        m.fromState = 7;
                        break;
                    case "SERVICE_STATE_NOT_INSTALLED":
                    case 100:
                        m.fromState = 100;
                        break;
                    default:
                        if (typeof d.fromState === "number" && (d.fromState | 0) === d.fromState)
                            m.fromState = d.fromState;
                    }
                }
                if (d.toState !== 0 && (typeof d.toState !== "string" || $root.iisfleet.v1.ServiceState[d.toState] !== 0)) {
                    switch (d.toState) {
                    case "SERVICE_STATE_UNSPECIFIED":
                    case 0:
                        m.toState = 0;
                        break;
                    case "SERVICE_STATE_STOPPED":
                    case 1:
                        m.toState = 1;
                        break;
                    case "SERVICE_STATE_START_PENDING":
                    case 2:
                        m.toState = 2;
                        break;
                    case "SERVICE_STATE_STOP_PENDING":
                    case 3:
                        m.toState = 3;
                        break;
                    case "SERVICE_STATE_RUNNING":
                    case 4:
                        m.toState = 4;
                        break;
                    case "SERVICE_STATE_CONTINUE_PENDING":
                    case 5:
                        m.toState = 5;
                        break;
                    case "SERVICE_STATE_PAUSE_PENDING":
                    case 6:
                        m.toState = 6;
                        break;
                    case "SERVICE_STATE_PAUSED":
                    case 7:
                        m.toState = 7;
                        break;
                    case "SERVICE_STATE_NOT_INSTALLED":
                    case 100:
                        m.toState = 100;
                        break;
                    default:
                        if (typeof d.toState === "number" && (d.toState | 0) === d.toState)
                            m.toState = d.toState;
                    }
                }
                if (d.durationMs != null) {
                    if ($Number(d.durationMs) !== 0) {
                        m.durationMs = d.durationMs >>> 0;
                    }
                }
                if (d.win32Error != null) {
                    if ($Number(d.win32Error) !== 0) {
                        m.win32Error = d.win32Error >>> 0;
                    }
                }
                if (d.message != null) {
                    if (typeof d.message !== "string" || d.message.length) {
                        m.message = $String(d.message);
                    }
                }
                if (d.ok != null) {
                    if (d.ok) {
                        m.ok = $Boolean(d.ok);
                    }
                }
                if (d.skipped != null) {
                    if (d.skipped) {
                        m.skipped = $Boolean(d.skipped);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Step message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.Step
             * @static
             * @param {iisfleet.v1.Step} m Step
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Step.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.seq = 0;
                    d.action = o.enums === $String ? "STEP_ACTION_UNSPECIFIED" : 0;
                    d.target = "";
                    d.fromState = o.enums === $String ? "SERVICE_STATE_UNSPECIFIED" : 0;
                    d.toState = o.enums === $String ? "SERVICE_STATE_UNSPECIFIED" : 0;
                    d.durationMs = 0;
                    d.win32Error = 0;
                    d.message = "";
                    d.ok = false;
                    d.skipped = false;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    d.seq = m.seq;
                }
                if (m.action != null && $Object.hasOwnProperty.call(m, "action")) {
                    d.action = o.enums === $String ? $root.iisfleet.v1.StepAction[m.action] === $undefined ? m.action : $root.iisfleet.v1.StepAction[m.action] : m.action;
                }
                if (m.target != null && $Object.hasOwnProperty.call(m, "target")) {
                    d.target = m.target;
                }
                if (m.fromState != null && $Object.hasOwnProperty.call(m, "fromState")) {
                    d.fromState = o.enums === $String ? $root.iisfleet.v1.ServiceState[m.fromState] === $undefined ? m.fromState : $root.iisfleet.v1.ServiceState[m.fromState] : m.fromState;
                }
                if (m.toState != null && $Object.hasOwnProperty.call(m, "toState")) {
                    d.toState = o.enums === $String ? $root.iisfleet.v1.ServiceState[m.toState] === $undefined ? m.toState : $root.iisfleet.v1.ServiceState[m.toState] : m.toState;
                }
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs")) {
                    d.durationMs = m.durationMs;
                }
                if (m.win32Error != null && $Object.hasOwnProperty.call(m, "win32Error")) {
                    d.win32Error = m.win32Error;
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    d.message = m.message;
                }
                if (m.ok != null && $Object.hasOwnProperty.call(m, "ok")) {
                    d.ok = m.ok;
                }
                if (m.skipped != null && $Object.hasOwnProperty.call(m, "skipped")) {
                    d.skipped = m.skipped;
                }
                return d;
            };

            /**
             * Converts this Step to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.Step
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Step.prototype.toJSON = function() {
                return Step.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Step
             * @function getTypeUrl
             * @memberof iisfleet.v1.Step
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Step.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.Step";
            };

            return Step;
        })();

        v1.CommandResult = (function() {

            /**
             * Properties of a CommandResult.
             * @typedef {Object} iisfleet.v1.CommandResult.$Properties
             * @property {string|null} [commandId] CommandResult commandId
             * @property {string|null} [host] CommandResult host
             * @property {iisfleet.v1.Outcome|null} [outcome] CommandResult outcome
             * @property {string|null} [code] CommandResult code
             * @property {string|null} [message] CommandResult message
             * @property {Array.<iisfleet.v1.Step.$Properties>|null} [steps] CommandResult steps
             * @property {number|null} [startedAtMs] CommandResult startedAtMs
             * @property {number|null} [finishedAtMs] CommandResult finishedAtMs
             * @property {boolean|null} [replayed] CommandResult replayed
             * @property {string|null} [busyCommandId] CommandResult busyCommandId
             * @property {iisfleet.v1.LbMemberStatus.$Properties|null} [lbMember] CommandResult lbMember
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CommandResult.
             * @memberof iisfleet.v1
             * @interface ICommandResult
             * @augments iisfleet.v1.CommandResult.$Properties
             * @deprecated Use iisfleet.v1.CommandResult.$Properties instead.
             */

            /**
             * Shape of a CommandResult.
             * @typedef {iisfleet.v1.CommandResult.$Properties} iisfleet.v1.CommandResult.$Shape
             */

            /**
             * Constructs a new CommandResult.
             * @memberof iisfleet.v1
             * @classdesc Represents a CommandResult.
             * @constructor
             * @param {iisfleet.v1.CommandResult.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CommandResult = function (p) {
                this.steps = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * CommandResult commandId.
             * @member {string} commandId
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.commandId = "";

            /**
             * CommandResult host.
             * @member {string} host
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.host = "";

            /**
             * CommandResult outcome.
             * @member {iisfleet.v1.Outcome} outcome
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.outcome = 0;

            /**
             * CommandResult code.
             * @member {string} code
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.code = "";

            /**
             * CommandResult message.
             * @member {string} message
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.message = "";

            /**
             * CommandResult steps.
             * @member {Array.<iisfleet.v1.Step.$Properties>} steps
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.steps = $util.emptyArray;

            /**
             * CommandResult startedAtMs.
             * @member {number} startedAtMs
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.startedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * CommandResult finishedAtMs.
             * @member {number} finishedAtMs
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.finishedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * CommandResult replayed.
             * @member {boolean} replayed
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.replayed = false;

            /**
             * CommandResult busyCommandId.
             * @member {string} busyCommandId
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.busyCommandId = "";

            /**
             * CommandResult lbMember.
             * @member {iisfleet.v1.LbMemberStatus.$Properties|null|undefined} lbMember
             * @memberof iisfleet.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.lbMember = null;

            /**
             * Creates a new CommandResult instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {iisfleet.v1.CommandResult.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.CommandResult} CommandResult instance
             * @type {{
             *   (properties: iisfleet.v1.CommandResult.$Shape): iisfleet.v1.CommandResult & iisfleet.v1.CommandResult.$Shape;
             *   (properties?: iisfleet.v1.CommandResult.$Properties): iisfleet.v1.CommandResult;
             * }}
             */
            CommandResult.create = function(properties) {
                return new CommandResult(properties);
            };

            /**
             * Encodes the specified CommandResult message. Does not implicitly {@link iisfleet.v1.CommandResult.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {iisfleet.v1.CommandResult.$Properties} m CommandResult message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandResult.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.commandId);
                if (m.host != null && $Object.hasOwnProperty.call(m, "host") && m.host !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.host);
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome") && m.outcome !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.outcome);
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.code);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.message);
                if (m.steps != null && m.steps.length) {
                    for (var i = 0; i < m.steps.length; ++i)
                        $root.iisfleet.v1.Step.encode(m.steps[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                }
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs") && (typeof m.startedAtMs === "object" ? m.startedAtMs.low || m.startedAtMs.high : m.startedAtMs !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).int64(m.startedAtMs);
                if (m.finishedAtMs != null && $Object.hasOwnProperty.call(m, "finishedAtMs") && (typeof m.finishedAtMs === "object" ? m.finishedAtMs.low || m.finishedAtMs.high : m.finishedAtMs !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).int64(m.finishedAtMs);
                if (m.replayed != null && $Object.hasOwnProperty.call(m, "replayed") && m.replayed !== false)
                    w.uint32(/* id 9, wireType 0 =*/72).bool(m.replayed);
                if (m.busyCommandId != null && $Object.hasOwnProperty.call(m, "busyCommandId") && m.busyCommandId !== "")
                    w.uint32(/* id 10, wireType 2 =*/82).string(m.busyCommandId);
                if (m.lbMember != null && $Object.hasOwnProperty.call(m, "lbMember"))
                    $root.iisfleet.v1.LbMemberStatus.encode(m.lbMember, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified CommandResult message, length delimited. Does not implicitly {@link iisfleet.v1.CommandResult.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {iisfleet.v1.CommandResult.$Properties} message CommandResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandResult.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CommandResult message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.CommandResult & iisfleet.v1.CommandResult.$Shape} CommandResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandResult.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.CommandResult();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.host = v;
                            else
                                delete m.host;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.outcome = v;
                            else
                                delete m.outcome;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.steps && m.steps.length))
                                m.steps = [];
                            m.steps.push($root.iisfleet.v1.Step.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.startedAtMs = v;
                            else
                                delete m.startedAtMs;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.finishedAtMs = v;
                            else
                                delete m.finishedAtMs;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.replayed = v;
                            else
                                delete m.replayed;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.busyCommandId = v;
                            else
                                delete m.busyCommandId;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.lbMember = $root.iisfleet.v1.LbMemberStatus.decode(r, r.size(), $undefined, q + 1, m.lbMember);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a CommandResult message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.CommandResult & iisfleet.v1.CommandResult.$Shape} CommandResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandResult.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CommandResult message.
             * @function verify
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CommandResult.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                if (m.host != null && $Object.hasOwnProperty.call(m, "host")) {
                    if (!$util.isString(m.host))
                        return "host: string expected";
                }
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome")) {
                    if (typeof m.outcome !== "number" || (m.outcome | 0) !== m.outcome)
                        return "outcome: enum value expected";
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (!$util.isString(m.code))
                        return "code: string expected";
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    if (!$util.isString(m.message))
                        return "message: string expected";
                }
                if (m.steps != null && $Object.hasOwnProperty.call(m, "steps")) {
                    if (!$Array.isArray(m.steps))
                        return "steps: array expected";
                    for (var i = 0; i < m.steps.length; ++i) {
                        {
                            var e = $root.iisfleet.v1.Step.verify(m.steps[i], q + 1);
                            if (e)
                                return "steps." + e;
                        }
                    }
                }
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs")) {
                    if (!$util.isInteger(m.startedAtMs) && !(m.startedAtMs && $util.isInteger(m.startedAtMs.low) && $util.isInteger(m.startedAtMs.high)))
                        return "startedAtMs: integer|Long expected";
                }
                if (m.finishedAtMs != null && $Object.hasOwnProperty.call(m, "finishedAtMs")) {
                    if (!$util.isInteger(m.finishedAtMs) && !(m.finishedAtMs && $util.isInteger(m.finishedAtMs.low) && $util.isInteger(m.finishedAtMs.high)))
                        return "finishedAtMs: integer|Long expected";
                }
                if (m.replayed != null && $Object.hasOwnProperty.call(m, "replayed")) {
                    if (typeof m.replayed !== "boolean")
                        return "replayed: boolean expected";
                }
                if (m.busyCommandId != null && $Object.hasOwnProperty.call(m, "busyCommandId")) {
                    if (!$util.isString(m.busyCommandId))
                        return "busyCommandId: string expected";
                }
                if (m.lbMember != null && $Object.hasOwnProperty.call(m, "lbMember")) {
                    {
                        var e = $root.iisfleet.v1.LbMemberStatus.verify(m.lbMember, q + 1);
                        if (e)
                            return "lbMember." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a CommandResult message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.CommandResult} CommandResult
             */
            CommandResult.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.CommandResult)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.CommandResult: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.CommandResult();
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                if (d.host != null) {
                    if (typeof d.host !== "string" || d.host.length) {
                        m.host = $String(d.host);
                    }
                }
                if (d.outcome !== 0 && (typeof d.outcome !== "string" || $root.iisfleet.v1.Outcome[d.outcome] !== 0)) {
                    switch (d.outcome) {
                    case "OUTCOME_UNSPECIFIED":
                    case 0:
                        m.outcome = 0;
                        break;
                    case "OUTCOME_SUCCEEDED":
                    case 1:
                        m.outcome = 1;
                        break;
                    case "OUTCOME_FAILED":
                    case 2:
                        m.outcome = 2;
                        break;
                    case "OUTCOME_REJECTED":
                    case 3:
                        m.outcome = 3;
                        break;
                    case "OUTCOME_UNKNOWN_COMMAND":
                    case 4:
                        m.outcome = 4;
                        break;
                    case "OUTCOME_IN_PROGRESS":
                    case 5:
                        m.outcome = 5;
                        break;
                    default:
                        if (typeof d.outcome === "number" && (d.outcome | 0) === d.outcome)
                            m.outcome = d.outcome;
                    }
                }
                if (d.code != null) {
                    if (typeof d.code !== "string" || d.code.length) {
                        m.code = $String(d.code);
                    }
                }
                if (d.message != null) {
                    if (typeof d.message !== "string" || d.message.length) {
                        m.message = $String(d.message);
                    }
                }
                if (d.steps) {
                    if (!$Array.isArray(d.steps))
                        throw $TypeError(".iisfleet.v1.CommandResult.steps: array expected");
                    m.steps = $Array(d.steps.length);
                    for (var i = 0; i < d.steps.length; ++i) {
                        if (!$util.isObject(d.steps[i]))
                            throw $TypeError(".iisfleet.v1.CommandResult.steps: object expected");
                        m.steps[i] = $root.iisfleet.v1.Step.fromObject(d.steps[i], q + 1);
                    }
                }
                if (d.startedAtMs != null) {
                    if (typeof d.startedAtMs === "object" ? d.startedAtMs.low || d.startedAtMs.high : $Number(d.startedAtMs) !== 0) {
                        if ($util.Long)
                            m.startedAtMs = $util.Long.fromValue(d.startedAtMs, false);
                        else if (typeof d.startedAtMs === "string")
                            m.startedAtMs = $parseInt(d.startedAtMs, 10);
                        else if (typeof d.startedAtMs === "number")
                            m.startedAtMs = d.startedAtMs;
                        else if (typeof d.startedAtMs === "object")
                            m.startedAtMs = new $util.LongBits(d.startedAtMs.low >>> 0, d.startedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.finishedAtMs != null) {
                    if (typeof d.finishedAtMs === "object" ? d.finishedAtMs.low || d.finishedAtMs.high : $Number(d.finishedAtMs) !== 0) {
                        if ($util.Long)
                            m.finishedAtMs = $util.Long.fromValue(d.finishedAtMs, false);
                        else if (typeof d.finishedAtMs === "string")
                            m.finishedAtMs = $parseInt(d.finishedAtMs, 10);
                        else if (typeof d.finishedAtMs === "number")
                            m.finishedAtMs = d.finishedAtMs;
                        else if (typeof d.finishedAtMs === "object")
                            m.finishedAtMs = new $util.LongBits(d.finishedAtMs.low >>> 0, d.finishedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.replayed != null) {
                    if (d.replayed) {
                        m.replayed = $Boolean(d.replayed);
                    }
                }
                if (d.busyCommandId != null) {
                    if (typeof d.busyCommandId !== "string" || d.busyCommandId.length) {
                        m.busyCommandId = $String(d.busyCommandId);
                    }
                }
                if (d.lbMember != null) {
                    if (!$util.isObject(d.lbMember))
                        throw $TypeError(".iisfleet.v1.CommandResult.lbMember: object expected");
                    m.lbMember = $root.iisfleet.v1.LbMemberStatus.fromObject(d.lbMember, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a CommandResult message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {iisfleet.v1.CommandResult} m CommandResult
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CommandResult.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.steps = [];
                }
                if (o.defaults) {
                    d.commandId = "";
                    d.host = "";
                    d.outcome = o.enums === $String ? "OUTCOME_UNSPECIFIED" : 0;
                    d.code = "";
                    d.message = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.startedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.startedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.finishedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.finishedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.replayed = false;
                    d.busyCommandId = "";
                    d.lbMember = null;
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                if (m.host != null && $Object.hasOwnProperty.call(m, "host")) {
                    d.host = m.host;
                }
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome")) {
                    d.outcome = o.enums === $String ? $root.iisfleet.v1.Outcome[m.outcome] === $undefined ? m.outcome : $root.iisfleet.v1.Outcome[m.outcome] : m.outcome;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    d.message = m.message;
                }
                if (m.steps && m.steps.length) {
                    d.steps = $Array(m.steps.length);
                    for (var j = 0; j < m.steps.length; ++j) {
                        d.steps[j] = $root.iisfleet.v1.Step.toObject(m.steps[j], o, q + 1);
                    }
                }
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.startedAtMs = typeof m.startedAtMs === "number" ? $BigInt(m.startedAtMs) : $util.Long.fromBits(m.startedAtMs.low >>> 0, m.startedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.startedAtMs === "number")
                        d.startedAtMs = o.longs === $String ? $String(m.startedAtMs) : m.startedAtMs;
                    else
                        d.startedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.startedAtMs) : o.longs === $Number ? new $util.LongBits(m.startedAtMs.low >>> 0, m.startedAtMs.high >>> 0).toNumber() : m.startedAtMs;
                }
                if (m.finishedAtMs != null && $Object.hasOwnProperty.call(m, "finishedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.finishedAtMs = typeof m.finishedAtMs === "number" ? $BigInt(m.finishedAtMs) : $util.Long.fromBits(m.finishedAtMs.low >>> 0, m.finishedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.finishedAtMs === "number")
                        d.finishedAtMs = o.longs === $String ? $String(m.finishedAtMs) : m.finishedAtMs;
                    else
                        d.finishedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.finishedAtMs) : o.longs === $Number ? new $util.LongBits(m.finishedAtMs.low >>> 0, m.finishedAtMs.high >>> 0).toNumber() : m.finishedAtMs;
                }
                if (m.replayed != null && $Object.hasOwnProperty.call(m, "replayed")) {
                    d.replayed = m.replayed;
                }
                if (m.busyCommandId != null && $Object.hasOwnProperty.call(m, "busyCommandId")) {
                    d.busyCommandId = m.busyCommandId;
                }
                if (m.lbMember != null && $Object.hasOwnProperty.call(m, "lbMember")) {
                    d.lbMember = $root.iisfleet.v1.LbMemberStatus.toObject(m.lbMember, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this CommandResult to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.CommandResult
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CommandResult.prototype.toJSON = function() {
                return CommandResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CommandResult
             * @function getTypeUrl
             * @memberof iisfleet.v1.CommandResult
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CommandResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.CommandResult";
            };

            return CommandResult;
        })();

        /**
         * IisGeneration enum.
         * @name iisfleet.v1.IisGeneration
         * @enum {number}
         * @property {number} IIS_GENERATION_UNSPECIFIED=0 IIS_GENERATION_UNSPECIFIED value
         * @property {number} IIS_GENERATION_6=6 IIS_GENERATION_6 value
         * @property {number} IIS_GENERATION_7_PLUS=7 IIS_GENERATION_7_PLUS value
         */
        v1.IisGeneration = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "IIS_GENERATION_UNSPECIFIED"] = 0;
            values[valuesById[6] = "IIS_GENERATION_6"] = 6;
            values[valuesById[7] = "IIS_GENERATION_7_PLUS"] = 7;
            return values;
        })();

        v1.ServiceStatus = (function() {

            /**
             * Properties of a ServiceStatus.
             * @typedef {Object} iisfleet.v1.ServiceStatus.$Properties
             * @property {string|null} [name] ServiceStatus name
             * @property {iisfleet.v1.ServiceState|null} [state] ServiceStatus state
             * @property {number|null} [pid] ServiceStatus pid
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ServiceStatus.
             * @memberof iisfleet.v1
             * @interface IServiceStatus
             * @augments iisfleet.v1.ServiceStatus.$Properties
             * @deprecated Use iisfleet.v1.ServiceStatus.$Properties instead.
             */

            /**
             * Shape of a ServiceStatus.
             * @typedef {iisfleet.v1.ServiceStatus.$Properties} iisfleet.v1.ServiceStatus.$Shape
             */

            /**
             * Constructs a new ServiceStatus.
             * @memberof iisfleet.v1
             * @classdesc Represents a ServiceStatus.
             * @constructor
             * @param {iisfleet.v1.ServiceStatus.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ServiceStatus = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ServiceStatus name.
             * @member {string} name
             * @memberof iisfleet.v1.ServiceStatus
             * @instance
             */
            ServiceStatus.prototype.name = "";

            /**
             * ServiceStatus state.
             * @member {iisfleet.v1.ServiceState} state
             * @memberof iisfleet.v1.ServiceStatus
             * @instance
             */
            ServiceStatus.prototype.state = 0;

            /**
             * ServiceStatus pid.
             * @member {number} pid
             * @memberof iisfleet.v1.ServiceStatus
             * @instance
             */
            ServiceStatus.prototype.pid = 0;

            /**
             * Creates a new ServiceStatus instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {iisfleet.v1.ServiceStatus.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.ServiceStatus} ServiceStatus instance
             * @type {{
             *   (properties: iisfleet.v1.ServiceStatus.$Shape): iisfleet.v1.ServiceStatus & iisfleet.v1.ServiceStatus.$Shape;
             *   (properties?: iisfleet.v1.ServiceStatus.$Properties): iisfleet.v1.ServiceStatus;
             * }}
             */
            ServiceStatus.create = function(properties) {
                return new ServiceStatus(properties);
            };

            /**
             * Encodes the specified ServiceStatus message. Does not implicitly {@link iisfleet.v1.ServiceStatus.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {iisfleet.v1.ServiceStatus.$Properties} m ServiceStatus message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServiceStatus.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.state);
                if (m.pid != null && $Object.hasOwnProperty.call(m, "pid") && m.pid !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.pid);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ServiceStatus message, length delimited. Does not implicitly {@link iisfleet.v1.ServiceStatus.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {iisfleet.v1.ServiceStatus.$Properties} message ServiceStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServiceStatus.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ServiceStatus message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.ServiceStatus & iisfleet.v1.ServiceStatus.$Shape} ServiceStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServiceStatus.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.ServiceStatus();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.pid = v;
                            else
                                delete m.pid;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ServiceStatus message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.ServiceStatus & iisfleet.v1.ServiceStatus.$Shape} ServiceStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServiceStatus.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ServiceStatus message.
             * @function verify
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ServiceStatus.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    if (typeof m.state !== "number" || (m.state | 0) !== m.state)
                        return "state: enum value expected";
                }
                if (m.pid != null && $Object.hasOwnProperty.call(m, "pid")) {
                    if (!$util.isInteger(m.pid))
                        return "pid: integer expected";
                }
                return null;
            };

            /**
             * Creates a ServiceStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.ServiceStatus} ServiceStatus
             */
            ServiceStatus.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.ServiceStatus)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.ServiceStatus: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.ServiceStatus();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.state !== 0 && (typeof d.state !== "string" || $root.iisfleet.v1.ServiceState[d.state] !== 0)) {
                    switch (d.state) {
                    case "SERVICE_STATE_UNSPECIFIED":
                    case 0:
                        m.state = 0;
                        break;
                    case "SERVICE_STATE_STOPPED":
                    case 1:
                        m.state = 1;
                        break;
                    case "SERVICE_STATE_START_PENDING":
                    case 2:
                        m.state = 2;
                        break;
                    case "SERVICE_STATE_STOP_PENDING":
                    case 3:
                        m.state = 3;
                        break;
                    case "SERVICE_STATE_RUNNING":
                    case 4:
                        m.state = 4;
                        break;
                    case "SERVICE_STATE_CONTINUE_PENDING":
                    case 5:
                        m.state = 5;
                        break;
                    case "SERVICE_STATE_PAUSE_PENDING":
                    case 6:
                        m.state = 6;
                        break;
                    case "SERVICE_STATE_PAUSED":
                    case 7:
                        m.state = 7;
                        break;
                    case "SERVICE_STATE_NOT_INSTALLED":
                    case 100:
                        m.state = 100;
                        break;
                    default:
                        if (typeof d.state === "number" && (d.state | 0) === d.state)
                            m.state = d.state;
                    }
                }
                if (d.pid != null) {
                    if ($Number(d.pid) !== 0) {
                        m.pid = d.pid >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ServiceStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {iisfleet.v1.ServiceStatus} m ServiceStatus
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ServiceStatus.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.name = "";
                    d.state = o.enums === $String ? "SERVICE_STATE_UNSPECIFIED" : 0;
                    d.pid = 0;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = o.enums === $String ? $root.iisfleet.v1.ServiceState[m.state] === $undefined ? m.state : $root.iisfleet.v1.ServiceState[m.state] : m.state;
                }
                if (m.pid != null && $Object.hasOwnProperty.call(m, "pid")) {
                    d.pid = m.pid;
                }
                return d;
            };

            /**
             * Converts this ServiceStatus to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.ServiceStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ServiceStatus.prototype.toJSON = function() {
                return ServiceStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ServiceStatus
             * @function getTypeUrl
             * @memberof iisfleet.v1.ServiceStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ServiceStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.ServiceStatus";
            };

            return ServiceStatus;
        })();

        v1.SiteStatus = (function() {

            /**
             * Properties of a SiteStatus.
             * @typedef {Object} iisfleet.v1.SiteStatus.$Properties
             * @property {string|null} [name] SiteStatus name
             * @property {number|null} [id] SiteStatus id
             * @property {boolean|null} [started] SiteStatus started
             * @property {Array.<string>|null} [bindings] SiteStatus bindings
             * @property {string|null} [appPool] SiteStatus appPool
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SiteStatus.
             * @memberof iisfleet.v1
             * @interface ISiteStatus
             * @augments iisfleet.v1.SiteStatus.$Properties
             * @deprecated Use iisfleet.v1.SiteStatus.$Properties instead.
             */

            /**
             * Shape of a SiteStatus.
             * @typedef {iisfleet.v1.SiteStatus.$Properties} iisfleet.v1.SiteStatus.$Shape
             */

            /**
             * Constructs a new SiteStatus.
             * @memberof iisfleet.v1
             * @classdesc Represents a SiteStatus.
             * @constructor
             * @param {iisfleet.v1.SiteStatus.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SiteStatus = function (p) {
                this.bindings = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SiteStatus name.
             * @member {string} name
             * @memberof iisfleet.v1.SiteStatus
             * @instance
             */
            SiteStatus.prototype.name = "";

            /**
             * SiteStatus id.
             * @member {number} id
             * @memberof iisfleet.v1.SiteStatus
             * @instance
             */
            SiteStatus.prototype.id = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SiteStatus started.
             * @member {boolean} started
             * @memberof iisfleet.v1.SiteStatus
             * @instance
             */
            SiteStatus.prototype.started = false;

            /**
             * SiteStatus bindings.
             * @member {Array.<string>} bindings
             * @memberof iisfleet.v1.SiteStatus
             * @instance
             */
            SiteStatus.prototype.bindings = $util.emptyArray;

            /**
             * SiteStatus appPool.
             * @member {string} appPool
             * @memberof iisfleet.v1.SiteStatus
             * @instance
             */
            SiteStatus.prototype.appPool = "";

            /**
             * Creates a new SiteStatus instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {iisfleet.v1.SiteStatus.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.SiteStatus} SiteStatus instance
             * @type {{
             *   (properties: iisfleet.v1.SiteStatus.$Shape): iisfleet.v1.SiteStatus & iisfleet.v1.SiteStatus.$Shape;
             *   (properties?: iisfleet.v1.SiteStatus.$Properties): iisfleet.v1.SiteStatus;
             * }}
             */
            SiteStatus.create = function(properties) {
                return new SiteStatus(properties);
            };

            /**
             * Encodes the specified SiteStatus message. Does not implicitly {@link iisfleet.v1.SiteStatus.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {iisfleet.v1.SiteStatus.$Properties} m SiteStatus message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SiteStatus.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && (typeof m.id === "object" ? m.id.low || m.id.high : m.id !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.id);
                if (m.started != null && $Object.hasOwnProperty.call(m, "started") && m.started !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.started);
                if (m.bindings != null && m.bindings.length) {
                    for (var i = 0; i < m.bindings.length; ++i)
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.bindings[i]);
                }
                if (m.appPool != null && $Object.hasOwnProperty.call(m, "appPool") && m.appPool !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.appPool);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SiteStatus message, length delimited. Does not implicitly {@link iisfleet.v1.SiteStatus.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {iisfleet.v1.SiteStatus.$Properties} message SiteStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SiteStatus.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SiteStatus message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.SiteStatus & iisfleet.v1.SiteStatus.$Shape} SiteStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SiteStatus.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.SiteStatus();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.started = v;
                            else
                                delete m.started;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.bindings && m.bindings.length))
                                m.bindings = [];
                            m.bindings.push(r.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.appPool = v;
                            else
                                delete m.appPool;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SiteStatus message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.SiteStatus & iisfleet.v1.SiteStatus.$Shape} SiteStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SiteStatus.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SiteStatus message.
             * @function verify
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SiteStatus.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    if (!$util.isInteger(m.id) && !(m.id && $util.isInteger(m.id.low) && $util.isInteger(m.id.high)))
                        return "id: integer|Long expected";
                }
                if (m.started != null && $Object.hasOwnProperty.call(m, "started")) {
                    if (typeof m.started !== "boolean")
                        return "started: boolean expected";
                }
                if (m.bindings != null && $Object.hasOwnProperty.call(m, "bindings")) {
                    if (!$Array.isArray(m.bindings))
                        return "bindings: array expected";
                    for (var i = 0; i < m.bindings.length; ++i) {
                        if (!$util.isString(m.bindings[i]))
                            return "bindings: string[] expected";
                    }
                }
                if (m.appPool != null && $Object.hasOwnProperty.call(m, "appPool")) {
                    if (!$util.isString(m.appPool))
                        return "appPool: string expected";
                }
                return null;
            };

            /**
             * Creates a SiteStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.SiteStatus} SiteStatus
             */
            SiteStatus.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.SiteStatus)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.SiteStatus: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.SiteStatus();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.id != null) {
                    if (typeof d.id === "object" ? d.id.low || d.id.high : $Number(d.id) !== 0) {
                        if ($util.Long)
                            m.id = $util.Long.fromValue(d.id, true);
                        else if (typeof d.id === "string")
                            m.id = $parseInt(d.id, 10);
                        else if (typeof d.id === "number")
                            m.id = d.id;
                        else if (typeof d.id === "object")
                            m.id = new $util.LongBits(d.id.low >>> 0, d.id.high >>> 0).toNumber(true);
                    }
                }
                if (d.started != null) {
                    if (d.started) {
                        m.started = $Boolean(d.started);
                    }
                }
                if (d.bindings) {
                    if (!$Array.isArray(d.bindings))
                        throw $TypeError(".iisfleet.v1.SiteStatus.bindings: array expected");
                    m.bindings = $Array(d.bindings.length);
                    for (var i = 0; i < d.bindings.length; ++i) {
                        m.bindings[i] = $String(d.bindings[i]);
                    }
                }
                if (d.appPool != null) {
                    if (typeof d.appPool !== "string" || d.appPool.length) {
                        m.appPool = $String(d.appPool);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SiteStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {iisfleet.v1.SiteStatus} m SiteStatus
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SiteStatus.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.bindings = [];
                }
                if (o.defaults) {
                    d.name = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.id = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.id = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.started = false;
                    d.appPool = "";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.id = typeof m.id === "number" ? $BigInt(m.id) : $util.Long.fromBits(m.id.low >>> 0, m.id.high >>> 0, true).toBigInt();
                    else if (typeof m.id === "number")
                        d.id = o.longs === $String ? $String(m.id) : m.id;
                    else
                        d.id = o.longs === $String ? $util.Long.prototype.toString.call(m.id) : o.longs === $Number ? new $util.LongBits(m.id.low >>> 0, m.id.high >>> 0).toNumber(true) : m.id;
                }
                if (m.started != null && $Object.hasOwnProperty.call(m, "started")) {
                    d.started = m.started;
                }
                if (m.bindings && m.bindings.length) {
                    d.bindings = $Array(m.bindings.length);
                    for (var j = 0; j < m.bindings.length; ++j) {
                        d.bindings[j] = m.bindings[j];
                    }
                }
                if (m.appPool != null && $Object.hasOwnProperty.call(m, "appPool")) {
                    d.appPool = m.appPool;
                }
                return d;
            };

            /**
             * Converts this SiteStatus to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.SiteStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SiteStatus.prototype.toJSON = function() {
                return SiteStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SiteStatus
             * @function getTypeUrl
             * @memberof iisfleet.v1.SiteStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SiteStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.SiteStatus";
            };

            return SiteStatus;
        })();

        v1.AppPoolStatus = (function() {

            /**
             * Properties of an AppPoolStatus.
             * @typedef {Object} iisfleet.v1.AppPoolStatus.$Properties
             * @property {string|null} [name] AppPoolStatus name
             * @property {boolean|null} [started] AppPoolStatus started
             * @property {Array.<number>|null} [workerPids] AppPoolStatus workerPids
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AppPoolStatus.
             * @memberof iisfleet.v1
             * @interface IAppPoolStatus
             * @augments iisfleet.v1.AppPoolStatus.$Properties
             * @deprecated Use iisfleet.v1.AppPoolStatus.$Properties instead.
             */

            /**
             * Shape of an AppPoolStatus.
             * @typedef {iisfleet.v1.AppPoolStatus.$Properties} iisfleet.v1.AppPoolStatus.$Shape
             */

            /**
             * Constructs a new AppPoolStatus.
             * @memberof iisfleet.v1
             * @classdesc Represents an AppPoolStatus.
             * @constructor
             * @param {iisfleet.v1.AppPoolStatus.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AppPoolStatus = function (p) {
                this.workerPids = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * AppPoolStatus name.
             * @member {string} name
             * @memberof iisfleet.v1.AppPoolStatus
             * @instance
             */
            AppPoolStatus.prototype.name = "";

            /**
             * AppPoolStatus started.
             * @member {boolean} started
             * @memberof iisfleet.v1.AppPoolStatus
             * @instance
             */
            AppPoolStatus.prototype.started = false;

            /**
             * AppPoolStatus workerPids.
             * @member {Array.<number>} workerPids
             * @memberof iisfleet.v1.AppPoolStatus
             * @instance
             */
            AppPoolStatus.prototype.workerPids = $util.emptyArray;

            /**
             * Creates a new AppPoolStatus instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {iisfleet.v1.AppPoolStatus.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.AppPoolStatus} AppPoolStatus instance
             * @type {{
             *   (properties: iisfleet.v1.AppPoolStatus.$Shape): iisfleet.v1.AppPoolStatus & iisfleet.v1.AppPoolStatus.$Shape;
             *   (properties?: iisfleet.v1.AppPoolStatus.$Properties): iisfleet.v1.AppPoolStatus;
             * }}
             */
            AppPoolStatus.create = function(properties) {
                return new AppPoolStatus(properties);
            };

            /**
             * Encodes the specified AppPoolStatus message. Does not implicitly {@link iisfleet.v1.AppPoolStatus.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {iisfleet.v1.AppPoolStatus.$Properties} m AppPoolStatus message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AppPoolStatus.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.started != null && $Object.hasOwnProperty.call(m, "started") && m.started !== false)
                    w.uint32(/* id 2, wireType 0 =*/16).bool(m.started);
                if (m.workerPids != null && m.workerPids.length) {
                    w.uint32(/* id 3, wireType 2 =*/26).uint32s(m.workerPids);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified AppPoolStatus message, length delimited. Does not implicitly {@link iisfleet.v1.AppPoolStatus.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {iisfleet.v1.AppPoolStatus.$Properties} message AppPoolStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AppPoolStatus.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AppPoolStatus message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.AppPoolStatus & iisfleet.v1.AppPoolStatus.$Shape} AppPoolStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AppPoolStatus.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.AppPoolStatus();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.started = v;
                            else
                                delete m.started;
                            continue;
                        }
                    case 3: {
                            if (u === 2) {
                                if (!(m.workerPids && m.workerPids.length))
                                    m.workerPids = [];
                                r.uint32s(m.workerPids);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.workerPids && m.workerPids.length))
                                m.workerPids = [];
                            m.workerPids.push(r.uint32());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an AppPoolStatus message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.AppPoolStatus & iisfleet.v1.AppPoolStatus.$Shape} AppPoolStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AppPoolStatus.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AppPoolStatus message.
             * @function verify
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AppPoolStatus.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.started != null && $Object.hasOwnProperty.call(m, "started")) {
                    if (typeof m.started !== "boolean")
                        return "started: boolean expected";
                }
                if (m.workerPids != null && $Object.hasOwnProperty.call(m, "workerPids")) {
                    if (!$Array.isArray(m.workerPids))
                        return "workerPids: array expected";
                    for (var i = 0; i < m.workerPids.length; ++i) {
                        if (!$util.isInteger(m.workerPids[i]))
                            return "workerPids: integer[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates an AppPoolStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.AppPoolStatus} AppPoolStatus
             */
            AppPoolStatus.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.AppPoolStatus)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.AppPoolStatus: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.AppPoolStatus();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.started != null) {
                    if (d.started) {
                        m.started = $Boolean(d.started);
                    }
                }
                if (d.workerPids) {
                    if (!$Array.isArray(d.workerPids))
                        throw $TypeError(".iisfleet.v1.AppPoolStatus.workerPids: array expected");
                    m.workerPids = $Array(d.workerPids.length);
                    for (var i = 0; i < d.workerPids.length; ++i) {
                        m.workerPids[i] = d.workerPids[i] >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an AppPoolStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {iisfleet.v1.AppPoolStatus} m AppPoolStatus
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AppPoolStatus.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.workerPids = [];
                }
                if (o.defaults) {
                    d.name = "";
                    d.started = false;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.started != null && $Object.hasOwnProperty.call(m, "started")) {
                    d.started = m.started;
                }
                if (m.workerPids && m.workerPids.length) {
                    d.workerPids = $Array(m.workerPids.length);
                    for (var j = 0; j < m.workerPids.length; ++j) {
                        d.workerPids[j] = m.workerPids[j];
                    }
                }
                return d;
            };

            /**
             * Converts this AppPoolStatus to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.AppPoolStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AppPoolStatus.prototype.toJSON = function() {
                return AppPoolStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AppPoolStatus
             * @function getTypeUrl
             * @memberof iisfleet.v1.AppPoolStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AppPoolStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.AppPoolStatus";
            };

            return AppPoolStatus;
        })();

        v1.HostFacts = (function() {

            /**
             * Properties of a HostFacts.
             * @typedef {Object} iisfleet.v1.HostFacts.$Properties
             * @property {string|null} [host] HostFacts host
             * @property {string|null} [farm] HostFacts farm
             * @property {Object.<string,string>|null} [tags] HostFacts tags
             * @property {iisfleet.v1.IisGeneration|null} [iisGeneration] HostFacts iisGeneration
             * @property {Array.<iisfleet.v1.ServiceStatus.$Properties>|null} [services] HostFacts services
             * @property {Array.<iisfleet.v1.AppPoolStatus.$Properties>|null} [appPools] HostFacts appPools
             * @property {boolean|null} [cordoned] HostFacts cordoned
             * @property {string|null} [busyCommandId] HostFacts busyCommandId
             * @property {string|null} [adapter] HostFacts adapter
             * @property {iisfleet.v1.HealthState|null} [health] HostFacts health
             * @property {iisfleet.v1.LastReset.$Properties|null} [lastReset] HostFacts lastReset
             * @property {string|null} [cordonReason] HostFacts cordonReason
             * @property {Array.<iisfleet.v1.SiteStatus.$Properties>|null} [sites] HostFacts sites
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a HostFacts.
             * @memberof iisfleet.v1
             * @interface IHostFacts
             * @augments iisfleet.v1.HostFacts.$Properties
             * @deprecated Use iisfleet.v1.HostFacts.$Properties instead.
             */

            /**
             * Shape of a HostFacts.
             * @typedef {iisfleet.v1.HostFacts.$Properties} iisfleet.v1.HostFacts.$Shape
             */

            /**
             * Constructs a new HostFacts.
             * @memberof iisfleet.v1
             * @classdesc Represents a HostFacts.
             * @constructor
             * @param {iisfleet.v1.HostFacts.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const HostFacts = function (p) {
                this.tags = {};
                this.services = [];
                this.appPools = [];
                this.sites = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * HostFacts host.
             * @member {string} host
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.host = "";

            /**
             * HostFacts farm.
             * @member {string} farm
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.farm = "";

            /**
             * HostFacts tags.
             * @member {Object.<string,string>} tags
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.tags = $util.emptyObject;

            /**
             * HostFacts iisGeneration.
             * @member {iisfleet.v1.IisGeneration} iisGeneration
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.iisGeneration = 0;

            /**
             * HostFacts services.
             * @member {Array.<iisfleet.v1.ServiceStatus.$Properties>} services
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.services = $util.emptyArray;

            /**
             * HostFacts appPools.
             * @member {Array.<iisfleet.v1.AppPoolStatus.$Properties>} appPools
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.appPools = $util.emptyArray;

            /**
             * HostFacts cordoned.
             * @member {boolean} cordoned
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.cordoned = false;

            /**
             * HostFacts busyCommandId.
             * @member {string} busyCommandId
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.busyCommandId = "";

            /**
             * HostFacts adapter.
             * @member {string} adapter
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.adapter = "";

            /**
             * HostFacts health.
             * @member {iisfleet.v1.HealthState} health
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.health = 0;

            /**
             * HostFacts lastReset.
             * @member {iisfleet.v1.LastReset.$Properties|null|undefined} lastReset
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.lastReset = null;

            /**
             * HostFacts cordonReason.
             * @member {string} cordonReason
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.cordonReason = "";

            /**
             * HostFacts sites.
             * @member {Array.<iisfleet.v1.SiteStatus.$Properties>} sites
             * @memberof iisfleet.v1.HostFacts
             * @instance
             */
            HostFacts.prototype.sites = $util.emptyArray;

            /**
             * Creates a new HostFacts instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {iisfleet.v1.HostFacts.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.HostFacts} HostFacts instance
             * @type {{
             *   (properties: iisfleet.v1.HostFacts.$Shape): iisfleet.v1.HostFacts & iisfleet.v1.HostFacts.$Shape;
             *   (properties?: iisfleet.v1.HostFacts.$Properties): iisfleet.v1.HostFacts;
             * }}
             */
            HostFacts.create = function(properties) {
                return new HostFacts(properties);
            };

            /**
             * Encodes the specified HostFacts message. Does not implicitly {@link iisfleet.v1.HostFacts.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {iisfleet.v1.HostFacts.$Properties} m HostFacts message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HostFacts.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.host != null && $Object.hasOwnProperty.call(m, "host") && m.host !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.host);
                if (m.farm != null && $Object.hasOwnProperty.call(m, "farm") && m.farm !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.farm);
                if (m.tags != null && $Object.hasOwnProperty.call(m, "tags")) {
                    for (var ks = $Object.keys(m.tags), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 3, wireType 2 =*/26).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 2 =*/18).string(m.tags[ks[i]]).ldelim();
                    }
                }
                if (m.iisGeneration != null && $Object.hasOwnProperty.call(m, "iisGeneration") && m.iisGeneration !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).int32(m.iisGeneration);
                if (m.services != null && m.services.length) {
                    for (var i = 0; i < m.services.length; ++i)
                        $root.iisfleet.v1.ServiceStatus.encode(m.services[i], w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                }
                if (m.appPools != null && m.appPools.length) {
                    for (var i = 0; i < m.appPools.length; ++i)
                        $root.iisfleet.v1.AppPoolStatus.encode(m.appPools[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                }
                if (m.cordoned != null && $Object.hasOwnProperty.call(m, "cordoned") && m.cordoned !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.cordoned);
                if (m.busyCommandId != null && $Object.hasOwnProperty.call(m, "busyCommandId") && m.busyCommandId !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.busyCommandId);
                if (m.adapter != null && $Object.hasOwnProperty.call(m, "adapter") && m.adapter !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.adapter);
                if (m.health != null && $Object.hasOwnProperty.call(m, "health") && m.health !== 0)
                    w.uint32(/* id 10, wireType 0 =*/80).int32(m.health);
                if (m.lastReset != null && $Object.hasOwnProperty.call(m, "lastReset"))
                    $root.iisfleet.v1.LastReset.encode(m.lastReset, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.cordonReason != null && $Object.hasOwnProperty.call(m, "cordonReason") && m.cordonReason !== "")
                    w.uint32(/* id 12, wireType 2 =*/98).string(m.cordonReason);
                if (m.sites != null && m.sites.length) {
                    for (var i = 0; i < m.sites.length; ++i)
                        $root.iisfleet.v1.SiteStatus.encode(m.sites[i], w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified HostFacts message, length delimited. Does not implicitly {@link iisfleet.v1.HostFacts.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {iisfleet.v1.HostFacts.$Properties} message HostFacts message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HostFacts.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a HostFacts message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.HostFacts & iisfleet.v1.HostFacts.$Shape} HostFacts
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HostFacts.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.HostFacts();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.host = v;
                            else
                                delete m.host;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.farm = v;
                            else
                                delete m.farm;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (m.tags === $util.emptyObject)
                                m.tags = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = "";
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 2)
                                        break;
                                    v = r.stringVerify();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.tags, k);
                            m.tags[k] = v;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.iisGeneration = v;
                            else
                                delete m.iisGeneration;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (!(m.services && m.services.length))
                                m.services = [];
                            m.services.push($root.iisfleet.v1.ServiceStatus.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.appPools && m.appPools.length))
                                m.appPools = [];
                            m.appPools.push($root.iisfleet.v1.AppPoolStatus.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.cordoned = v;
                            else
                                delete m.cordoned;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.busyCommandId = v;
                            else
                                delete m.busyCommandId;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.adapter = v;
                            else
                                delete m.adapter;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.health = v;
                            else
                                delete m.health;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.lastReset = $root.iisfleet.v1.LastReset.decode(r, r.size(), $undefined, q + 1, m.lastReset);
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.cordonReason = v;
                            else
                                delete m.cordonReason;
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            if (!(m.sites && m.sites.length))
                                m.sites = [];
                            m.sites.push($root.iisfleet.v1.SiteStatus.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a HostFacts message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.HostFacts & iisfleet.v1.HostFacts.$Shape} HostFacts
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HostFacts.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a HostFacts message.
             * @function verify
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            HostFacts.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.host != null && $Object.hasOwnProperty.call(m, "host")) {
                    if (!$util.isString(m.host))
                        return "host: string expected";
                }
                if (m.farm != null && $Object.hasOwnProperty.call(m, "farm")) {
                    if (!$util.isString(m.farm))
                        return "farm: string expected";
                }
                if (m.tags != null && $Object.hasOwnProperty.call(m, "tags")) {
                    if (!$util.isObject(m.tags))
                        return "tags: object expected";
                    var k = $Object.keys(m.tags);
                    for (var i = 0; i < k.length; ++i) {
                        if (!$util.isString(m.tags[k[i]]))
                            return "tags: string{k:string} expected";
                    }
                }
                if (m.iisGeneration != null && $Object.hasOwnProperty.call(m, "iisGeneration")) {
                    if (typeof m.iisGeneration !== "number" || (m.iisGeneration | 0) !== m.iisGeneration)
                        return "iisGeneration: enum value expected";
                }
                if (m.services != null && $Object.hasOwnProperty.call(m, "services")) {
                    if (!$Array.isArray(m.services))
                        return "services: array expected";
                    for (var i = 0; i < m.services.length; ++i) {
                        {
                            var e = $root.iisfleet.v1.ServiceStatus.verify(m.services[i], q + 1);
                            if (e)
                                return "services." + e;
                        }
                    }
                }
                if (m.appPools != null && $Object.hasOwnProperty.call(m, "appPools")) {
                    if (!$Array.isArray(m.appPools))
                        return "appPools: array expected";
                    for (var i = 0; i < m.appPools.length; ++i) {
                        {
                            var e = $root.iisfleet.v1.AppPoolStatus.verify(m.appPools[i], q + 1);
                            if (e)
                                return "appPools." + e;
                        }
                    }
                }
                if (m.cordoned != null && $Object.hasOwnProperty.call(m, "cordoned")) {
                    if (typeof m.cordoned !== "boolean")
                        return "cordoned: boolean expected";
                }
                if (m.busyCommandId != null && $Object.hasOwnProperty.call(m, "busyCommandId")) {
                    if (!$util.isString(m.busyCommandId))
                        return "busyCommandId: string expected";
                }
                if (m.adapter != null && $Object.hasOwnProperty.call(m, "adapter")) {
                    if (!$util.isString(m.adapter))
                        return "adapter: string expected";
                }
                if (m.health != null && $Object.hasOwnProperty.call(m, "health")) {
                    if (typeof m.health !== "number" || (m.health | 0) !== m.health)
                        return "health: enum value expected";
                }
                if (m.lastReset != null && $Object.hasOwnProperty.call(m, "lastReset")) {
                    {
                        var e = $root.iisfleet.v1.LastReset.verify(m.lastReset, q + 1);
                        if (e)
                            return "lastReset." + e;
                    }
                }
                if (m.cordonReason != null && $Object.hasOwnProperty.call(m, "cordonReason")) {
                    if (!$util.isString(m.cordonReason))
                        return "cordonReason: string expected";
                }
                if (m.sites != null && $Object.hasOwnProperty.call(m, "sites")) {
                    if (!$Array.isArray(m.sites))
                        return "sites: array expected";
                    for (var i = 0; i < m.sites.length; ++i) {
                        {
                            var e = $root.iisfleet.v1.SiteStatus.verify(m.sites[i], q + 1);
                            if (e)
                                return "sites." + e;
                        }
                    }
                }
                return null;
            };

            /**
             * Creates a HostFacts message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.HostFacts} HostFacts
             */
            HostFacts.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.HostFacts)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.HostFacts: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.HostFacts();
                if (d.host != null) {
                    if (typeof d.host !== "string" || d.host.length) {
                        m.host = $String(d.host);
                    }
                }
                if (d.farm != null) {
                    if (typeof d.farm !== "string" || d.farm.length) {
                        m.farm = $String(d.farm);
                    }
                }
                if (d.tags) {
                    if (!$util.isObject(d.tags))
                        throw $TypeError(".iisfleet.v1.HostFacts.tags: object expected");
                    m.tags = {};
                    for (var ks = $Object.keys(d.tags), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.tags, ks[i]);
                        m.tags[ks[i]] = $String(d.tags[ks[i]]);
                    }
                }
                if (d.iisGeneration !== 0 && (typeof d.iisGeneration !== "string" || $root.iisfleet.v1.IisGeneration[d.iisGeneration] !== 0)) {
                    switch (d.iisGeneration) {
                    case "IIS_GENERATION_UNSPECIFIED":
                    case 0:
                        m.iisGeneration = 0;
                        break;
                    case "IIS_GENERATION_6":
                    case 6:
                        m.iisGeneration = 6;
                        break;
                    case "IIS_GENERATION_7_PLUS":
                    case 7:
                        m.iisGeneration = 7;
                        break;
                    default:
                        if (typeof d.iisGeneration === "number" && (d.iisGeneration | 0) === d.iisGeneration)
                            m.iisGeneration = d.iisGeneration;
                    }
                }
                if (d.services) {
                    if (!$Array.isArray(d.services))
                        throw $TypeError(".iisfleet.v1.HostFacts.services: array expected");
                    m.services = $Array(d.services.length);
                    for (var i = 0; i < d.services.length; ++i) {
                        if (!$util.isObject(d.services[i]))
                            throw $TypeError(".iisfleet.v1.HostFacts.services: object expected");
                        m.services[i] = $root.iisfleet.v1.ServiceStatus.fromObject(d.services[i], q + 1);
                    }
                }
                if (d.appPools) {
                    if (!$Array.isArray(d.appPools))
                        throw $TypeError(".iisfleet.v1.HostFacts.appPools: array expected");
                    m.appPools = $Array(d.appPools.length);
                    for (var i = 0; i < d.appPools.length; ++i) {
                        if (!$util.isObject(d.appPools[i]))
                            throw $TypeError(".iisfleet.v1.HostFacts.appPools: object expected");
                        m.appPools[i] = $root.iisfleet.v1.AppPoolStatus.fromObject(d.appPools[i], q + 1);
                    }
                }
                if (d.cordoned != null) {
                    if (d.cordoned) {
                        m.cordoned = $Boolean(d.cordoned);
                    }
                }
                if (d.busyCommandId != null) {
                    if (typeof d.busyCommandId !== "string" || d.busyCommandId.length) {
                        m.busyCommandId = $String(d.busyCommandId);
                    }
                }
                if (d.adapter != null) {
                    if (typeof d.adapter !== "string" || d.adapter.length) {
                        m.adapter = $String(d.adapter);
                    }
                }
                if (d.health !== 0 && (typeof d.health !== "string" || $root.iisfleet.v1.HealthState[d.health] !== 0)) {
                    switch (d.health) {
                    case "HEALTH_STATE_UNSPECIFIED":
                    case 0:
                        m.health = 0;
                        break;
                    case "HEALTH_STATE_HEALTHY":
                    case 1:
                        m.health = 1;
                        break;
                    case "HEALTH_STATE_UNHEALTHY":
                    case 2:
                        m.health = 2;
                        break;
                    default:
                        if (typeof d.health === "number" && (d.health | 0) === d.health)
                            m.health = d.health;
                    }
                }
                if (d.lastReset != null) {
                    if (!$util.isObject(d.lastReset))
                        throw $TypeError(".iisfleet.v1.HostFacts.lastReset: object expected");
                    m.lastReset = $root.iisfleet.v1.LastReset.fromObject(d.lastReset, q + 1);
                }
                if (d.cordonReason != null) {
                    if (typeof d.cordonReason !== "string" || d.cordonReason.length) {
                        m.cordonReason = $String(d.cordonReason);
                    }
                }
                if (d.sites) {
                    if (!$Array.isArray(d.sites))
                        throw $TypeError(".iisfleet.v1.HostFacts.sites: array expected");
                    m.sites = $Array(d.sites.length);
                    for (var i = 0; i < d.sites.length; ++i) {
                        if (!$util.isObject(d.sites[i]))
                            throw $TypeError(".iisfleet.v1.HostFacts.sites: object expected");
                        m.sites[i] = $root.iisfleet.v1.SiteStatus.fromObject(d.sites[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a HostFacts message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {iisfleet.v1.HostFacts} m HostFacts
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            HostFacts.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.services = [];
                    d.appPools = [];
                    d.sites = [];
                }
                if (o.objects || o.defaults) {
                    d.tags = {};
                }
                if (o.defaults) {
                    d.host = "";
                    d.farm = "";
                    d.iisGeneration = o.enums === $String ? "IIS_GENERATION_UNSPECIFIED" : 0;
                    d.cordoned = false;
                    d.busyCommandId = "";
                    d.adapter = "";
                    d.health = o.enums === $String ? "HEALTH_STATE_UNSPECIFIED" : 0;
                    d.lastReset = null;
                    d.cordonReason = "";
                }
                if (m.host != null && $Object.hasOwnProperty.call(m, "host")) {
                    d.host = m.host;
                }
                if (m.farm != null && $Object.hasOwnProperty.call(m, "farm")) {
                    d.farm = m.farm;
                }
                var ks2;
                if (m.tags && (ks2 = $Object.keys(m.tags)).length) {
                    d.tags = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.tags, ks2[j]);
                        d.tags[ks2[j]] = m.tags[ks2[j]];
                    }
                }
                if (m.iisGeneration != null && $Object.hasOwnProperty.call(m, "iisGeneration")) {
                    d.iisGeneration = o.enums === $String ? $root.iisfleet.v1.IisGeneration[m.iisGeneration] === $undefined ? m.iisGeneration : $root.iisfleet.v1.IisGeneration[m.iisGeneration] : m.iisGeneration;
                }
                if (m.services && m.services.length) {
                    d.services = $Array(m.services.length);
                    for (var j = 0; j < m.services.length; ++j) {
                        d.services[j] = $root.iisfleet.v1.ServiceStatus.toObject(m.services[j], o, q + 1);
                    }
                }
                if (m.appPools && m.appPools.length) {
                    d.appPools = $Array(m.appPools.length);
                    for (var j = 0; j < m.appPools.length; ++j) {
                        d.appPools[j] = $root.iisfleet.v1.AppPoolStatus.toObject(m.appPools[j], o, q + 1);
                    }
                }
                if (m.cordoned != null && $Object.hasOwnProperty.call(m, "cordoned")) {
                    d.cordoned = m.cordoned;
                }
                if (m.busyCommandId != null && $Object.hasOwnProperty.call(m, "busyCommandId")) {
                    d.busyCommandId = m.busyCommandId;
                }
                if (m.adapter != null && $Object.hasOwnProperty.call(m, "adapter")) {
                    d.adapter = m.adapter;
                }
                if (m.health != null && $Object.hasOwnProperty.call(m, "health")) {
                    d.health = o.enums === $String ? $root.iisfleet.v1.HealthState[m.health] === $undefined ? m.health : $root.iisfleet.v1.HealthState[m.health] : m.health;
                }
                if (m.lastReset != null && $Object.hasOwnProperty.call(m, "lastReset")) {
                    d.lastReset = $root.iisfleet.v1.LastReset.toObject(m.lastReset, o, q + 1);
                }
                if (m.cordonReason != null && $Object.hasOwnProperty.call(m, "cordonReason")) {
                    d.cordonReason = m.cordonReason;
                }
                if (m.sites && m.sites.length) {
                    d.sites = $Array(m.sites.length);
                    for (var j = 0; j < m.sites.length; ++j) {
                        d.sites[j] = $root.iisfleet.v1.SiteStatus.toObject(m.sites[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this HostFacts to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.HostFacts
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            HostFacts.prototype.toJSON = function() {
                return HostFacts.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for HostFacts
             * @function getTypeUrl
             * @memberof iisfleet.v1.HostFacts
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            HostFacts.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.HostFacts";
            };

            return HostFacts;
        })();

        /**
         * HealthState enum.
         * @name iisfleet.v1.HealthState
         * @enum {number}
         * @property {number} HEALTH_STATE_UNSPECIFIED=0 HEALTH_STATE_UNSPECIFIED value
         * @property {number} HEALTH_STATE_HEALTHY=1 HEALTH_STATE_HEALTHY value
         * @property {number} HEALTH_STATE_UNHEALTHY=2 HEALTH_STATE_UNHEALTHY value
         */
        v1.HealthState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "HEALTH_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "HEALTH_STATE_HEALTHY"] = 1;
            values[valuesById[2] = "HEALTH_STATE_UNHEALTHY"] = 2;
            return values;
        })();

        v1.LastReset = (function() {

            /**
             * Properties of a LastReset.
             * @typedef {Object} iisfleet.v1.LastReset.$Properties
             * @property {string|null} [commandId] LastReset commandId
             * @property {iisfleet.v1.Outcome|null} [outcome] LastReset outcome
             * @property {string|null} [code] LastReset code
             * @property {number|null} [finishedAtMs] LastReset finishedAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LastReset.
             * @memberof iisfleet.v1
             * @interface ILastReset
             * @augments iisfleet.v1.LastReset.$Properties
             * @deprecated Use iisfleet.v1.LastReset.$Properties instead.
             */

            /**
             * Shape of a LastReset.
             * @typedef {iisfleet.v1.LastReset.$Properties} iisfleet.v1.LastReset.$Shape
             */

            /**
             * Constructs a new LastReset.
             * @memberof iisfleet.v1
             * @classdesc Represents a LastReset.
             * @constructor
             * @param {iisfleet.v1.LastReset.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LastReset = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * LastReset commandId.
             * @member {string} commandId
             * @memberof iisfleet.v1.LastReset
             * @instance
             */
            LastReset.prototype.commandId = "";

            /**
             * LastReset outcome.
             * @member {iisfleet.v1.Outcome} outcome
             * @memberof iisfleet.v1.LastReset
             * @instance
             */
            LastReset.prototype.outcome = 0;

            /**
             * LastReset code.
             * @member {string} code
             * @memberof iisfleet.v1.LastReset
             * @instance
             */
            LastReset.prototype.code = "";

            /**
             * LastReset finishedAtMs.
             * @member {number} finishedAtMs
             * @memberof iisfleet.v1.LastReset
             * @instance
             */
            LastReset.prototype.finishedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new LastReset instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {iisfleet.v1.LastReset.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.LastReset} LastReset instance
             * @type {{
             *   (properties: iisfleet.v1.LastReset.$Shape): iisfleet.v1.LastReset & iisfleet.v1.LastReset.$Shape;
             *   (properties?: iisfleet.v1.LastReset.$Properties): iisfleet.v1.LastReset;
             * }}
             */
            LastReset.create = function(properties) {
                return new LastReset(properties);
            };

            /**
             * Encodes the specified LastReset message. Does not implicitly {@link iisfleet.v1.LastReset.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {iisfleet.v1.LastReset.$Properties} m LastReset message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LastReset.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.commandId);
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome") && m.outcome !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.outcome);
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.code);
                if (m.finishedAtMs != null && $Object.hasOwnProperty.call(m, "finishedAtMs") && (typeof m.finishedAtMs === "object" ? m.finishedAtMs.low || m.finishedAtMs.high : m.finishedAtMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.finishedAtMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified LastReset message, length delimited. Does not implicitly {@link iisfleet.v1.LastReset.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {iisfleet.v1.LastReset.$Properties} message LastReset message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LastReset.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a LastReset message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.LastReset & iisfleet.v1.LastReset.$Shape} LastReset
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LastReset.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.LastReset();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.outcome = v;
                            else
                                delete m.outcome;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.finishedAtMs = v;
                            else
                                delete m.finishedAtMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a LastReset message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.LastReset & iisfleet.v1.LastReset.$Shape} LastReset
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LastReset.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a LastReset message.
             * @function verify
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            LastReset.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome")) {
                    if (typeof m.outcome !== "number" || (m.outcome | 0) !== m.outcome)
                        return "outcome: enum value expected";
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (!$util.isString(m.code))
                        return "code: string expected";
                }
                if (m.finishedAtMs != null && $Object.hasOwnProperty.call(m, "finishedAtMs")) {
                    if (!$util.isInteger(m.finishedAtMs) && !(m.finishedAtMs && $util.isInteger(m.finishedAtMs.low) && $util.isInteger(m.finishedAtMs.high)))
                        return "finishedAtMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a LastReset message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.LastReset} LastReset
             */
            LastReset.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.LastReset)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.LastReset: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.LastReset();
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                if (d.outcome !== 0 && (typeof d.outcome !== "string" || $root.iisfleet.v1.Outcome[d.outcome] !== 0)) {
                    switch (d.outcome) {
                    case "OUTCOME_UNSPECIFIED":
                    case 0:
                        m.outcome = 0;
                        break;
                    case "OUTCOME_SUCCEEDED":
                    case 1:
                        m.outcome = 1;
                        break;
                    case "OUTCOME_FAILED":
                    case 2:
                        m.outcome = 2;
                        break;
                    case "OUTCOME_REJECTED":
                    case 3:
                        m.outcome = 3;
                        break;
                    case "OUTCOME_UNKNOWN_COMMAND":
                    case 4:
                        m.outcome = 4;
                        break;
                    case "OUTCOME_IN_PROGRESS":
                    case 5:
                        m.outcome = 5;
                        break;
                    default:
                        if (typeof d.outcome === "number" && (d.outcome | 0) === d.outcome)
                            m.outcome = d.outcome;
                    }
                }
                if (d.code != null) {
                    if (typeof d.code !== "string" || d.code.length) {
                        m.code = $String(d.code);
                    }
                }
                if (d.finishedAtMs != null) {
                    if (typeof d.finishedAtMs === "object" ? d.finishedAtMs.low || d.finishedAtMs.high : $Number(d.finishedAtMs) !== 0) {
                        if ($util.Long)
                            m.finishedAtMs = $util.Long.fromValue(d.finishedAtMs, false);
                        else if (typeof d.finishedAtMs === "string")
                            m.finishedAtMs = $parseInt(d.finishedAtMs, 10);
                        else if (typeof d.finishedAtMs === "number")
                            m.finishedAtMs = d.finishedAtMs;
                        else if (typeof d.finishedAtMs === "object")
                            m.finishedAtMs = new $util.LongBits(d.finishedAtMs.low >>> 0, d.finishedAtMs.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a LastReset message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {iisfleet.v1.LastReset} m LastReset
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            LastReset.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.commandId = "";
                    d.outcome = o.enums === $String ? "OUTCOME_UNSPECIFIED" : 0;
                    d.code = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.finishedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.finishedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                if (m.outcome != null && $Object.hasOwnProperty.call(m, "outcome")) {
                    d.outcome = o.enums === $String ? $root.iisfleet.v1.Outcome[m.outcome] === $undefined ? m.outcome : $root.iisfleet.v1.Outcome[m.outcome] : m.outcome;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.finishedAtMs != null && $Object.hasOwnProperty.call(m, "finishedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.finishedAtMs = typeof m.finishedAtMs === "number" ? $BigInt(m.finishedAtMs) : $util.Long.fromBits(m.finishedAtMs.low >>> 0, m.finishedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.finishedAtMs === "number")
                        d.finishedAtMs = o.longs === $String ? $String(m.finishedAtMs) : m.finishedAtMs;
                    else
                        d.finishedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.finishedAtMs) : o.longs === $Number ? new $util.LongBits(m.finishedAtMs.low >>> 0, m.finishedAtMs.high >>> 0).toNumber() : m.finishedAtMs;
                }
                return d;
            };

            /**
             * Converts this LastReset to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.LastReset
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            LastReset.prototype.toJSON = function() {
                return LastReset.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for LastReset
             * @function getTypeUrl
             * @memberof iisfleet.v1.LastReset
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LastReset.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.LastReset";
            };

            return LastReset;
        })();

        v1.Heartbeat = (function() {

            /**
             * Properties of a Heartbeat.
             * @typedef {Object} iisfleet.v1.Heartbeat.$Properties
             * @property {iisfleet.v1.HostFacts.$Properties|null} [facts] Heartbeat facts
             * @property {string|null} [agentVersion] Heartbeat agentVersion
             * @property {string|null} [instanceId] Heartbeat instanceId
             * @property {number|null} [seq] Heartbeat seq
             * @property {number|null} [sentAtMs] Heartbeat sentAtMs
             * @property {number|null} [uptimeMs] Heartbeat uptimeMs
             * @property {number|null} [intervalMs] Heartbeat intervalMs
             * @property {iisfleet.v1.AgentCounters.$Properties|null} [counters] Heartbeat counters
             * @property {number|null} [startedAtMs] Heartbeat startedAtMs
             * @property {Uint8Array|null} [beatAnchor] Heartbeat beatAnchor
             * @property {Uint8Array|null} [beatProof] Heartbeat beatProof
             * @property {Array.<Uint8Array>|null} [answerDigests] Heartbeat answerDigests
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Heartbeat.
             * @memberof iisfleet.v1
             * @interface IHeartbeat
             * @augments iisfleet.v1.Heartbeat.$Properties
             * @deprecated Use iisfleet.v1.Heartbeat.$Properties instead.
             */

            /**
             * Shape of a Heartbeat.
             * @typedef {iisfleet.v1.Heartbeat.$Properties} iisfleet.v1.Heartbeat.$Shape
             */

            /**
             * Constructs a new Heartbeat.
             * @memberof iisfleet.v1
             * @classdesc Represents a Heartbeat.
             * @constructor
             * @param {iisfleet.v1.Heartbeat.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Heartbeat = function (p) {
                this.answerDigests = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Heartbeat facts.
             * @member {iisfleet.v1.HostFacts.$Properties|null|undefined} facts
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.facts = null;

            /**
             * Heartbeat agentVersion.
             * @member {string} agentVersion
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.agentVersion = "";

            /**
             * Heartbeat instanceId.
             * @member {string} instanceId
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.instanceId = "";

            /**
             * Heartbeat seq.
             * @member {number} seq
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat sentAtMs.
             * @member {number} sentAtMs
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Heartbeat uptimeMs.
             * @member {number} uptimeMs
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.uptimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat intervalMs.
             * @member {number} intervalMs
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.intervalMs = 0;

            /**
             * Heartbeat counters.
             * @member {iisfleet.v1.AgentCounters.$Properties|null|undefined} counters
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.counters = null;

            /**
             * Heartbeat startedAtMs.
             * @member {number} startedAtMs
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.startedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Heartbeat beatAnchor.
             * @member {Uint8Array} beatAnchor
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.beatAnchor = $util.newBuffer([]);

            /**
             * Heartbeat beatProof.
             * @member {Uint8Array} beatProof
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.beatProof = $util.newBuffer([]);

            /**
             * Heartbeat answerDigests.
             * @member {Array.<Uint8Array>} answerDigests
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.answerDigests = $util.emptyArray;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {iisfleet.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.Heartbeat} Heartbeat instance
             * @type {{
             *   (properties: iisfleet.v1.Heartbeat.$Shape): iisfleet.v1.Heartbeat & iisfleet.v1.Heartbeat.$Shape;
             *   (properties?: iisfleet.v1.Heartbeat.$Properties): iisfleet.v1.Heartbeat;
             * }}
             */
            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link iisfleet.v1.Heartbeat.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {iisfleet.v1.Heartbeat.$Properties} m Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.facts != null && $Object.hasOwnProperty.call(m, "facts"))
                    $root.iisfleet.v1.HostFacts.encode(m.facts, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion") && m.agentVersion !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.agentVersion);
                if (m.instanceId != null && $Object.hasOwnProperty.call(m, "instanceId") && m.instanceId !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.instanceId);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.seq);
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs") && (typeof m.sentAtMs === "object" ? m.sentAtMs.low || m.sentAtMs.high : m.sentAtMs !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).int64(m.sentAtMs);
                if (m.uptimeMs != null && $Object.hasOwnProperty.call(m, "uptimeMs") && (typeof m.uptimeMs === "object" ? m.uptimeMs.low || m.uptimeMs.high : m.uptimeMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.uptimeMs);
                if (m.intervalMs != null && $Object.hasOwnProperty.call(m, "intervalMs") && m.intervalMs !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.intervalMs);
                if (m.counters != null && $Object.hasOwnProperty.call(m, "counters"))
                    $root.iisfleet.v1.AgentCounters.encode(m.counters, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs") && (typeof m.startedAtMs === "object" ? m.startedAtMs.low || m.startedAtMs.high : m.startedAtMs !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).int64(m.startedAtMs);
                if (m.beatAnchor != null && $Object.hasOwnProperty.call(m, "beatAnchor") && m.beatAnchor.length)
                    w.uint32(/* id 10, wireType 2 =*/82).bytes(m.beatAnchor);
                if (m.beatProof != null && $Object.hasOwnProperty.call(m, "beatProof") && m.beatProof.length)
                    w.uint32(/* id 11, wireType 2 =*/90).bytes(m.beatProof);
                if (m.answerDigests != null && m.answerDigests.length) {
                    for (var i = 0; i < m.answerDigests.length; ++i)
                        w.uint32(/* id 12, wireType 2 =*/98).bytes(m.answerDigests[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Heartbeat message, length delimited. Does not implicitly {@link iisfleet.v1.Heartbeat.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {iisfleet.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.Heartbeat & iisfleet.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.Heartbeat();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.facts = $root.iisfleet.v1.HostFacts.decode(r, r.size(), $undefined, q + 1, m.facts);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.agentVersion = v;
                            else
                                delete m.agentVersion;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.instanceId = v;
                            else
                                delete m.instanceId;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAtMs = v;
                            else
                                delete m.sentAtMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.uptimeMs = v;
                            else
                                delete m.uptimeMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.intervalMs = v;
                            else
                                delete m.intervalMs;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.counters = $root.iisfleet.v1.AgentCounters.decode(r, r.size(), $undefined, q + 1, m.counters);
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.startedAtMs = v;
                            else
                                delete m.startedAtMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.beatAnchor = v;
                            else
                                delete m.beatAnchor;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.beatProof = v;
                            else
                                delete m.beatProof;
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            if (!(m.answerDigests && m.answerDigests.length))
                                m.answerDigests = [];
                            m.answerDigests.push(r.bytes());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.Heartbeat & iisfleet.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Heartbeat message.
             * @function verify
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Heartbeat.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.facts != null && $Object.hasOwnProperty.call(m, "facts")) {
                    {
                        var e = $root.iisfleet.v1.HostFacts.verify(m.facts, q + 1);
                        if (e)
                            return "facts." + e;
                    }
                }
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion")) {
                    if (!$util.isString(m.agentVersion))
                        return "agentVersion: string expected";
                }
                if (m.instanceId != null && $Object.hasOwnProperty.call(m, "instanceId")) {
                    if (!$util.isString(m.instanceId))
                        return "instanceId: string expected";
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (!$util.isInteger(m.seq) && !(m.seq && $util.isInteger(m.seq.low) && $util.isInteger(m.seq.high)))
                        return "seq: integer|Long expected";
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (!$util.isInteger(m.sentAtMs) && !(m.sentAtMs && $util.isInteger(m.sentAtMs.low) && $util.isInteger(m.sentAtMs.high)))
                        return "sentAtMs: integer|Long expected";
                }
                if (m.uptimeMs != null && $Object.hasOwnProperty.call(m, "uptimeMs")) {
                    if (!$util.isInteger(m.uptimeMs) && !(m.uptimeMs && $util.isInteger(m.uptimeMs.low) && $util.isInteger(m.uptimeMs.high)))
                        return "uptimeMs: integer|Long expected";
                }
                if (m.intervalMs != null && $Object.hasOwnProperty.call(m, "intervalMs")) {
                    if (!$util.isInteger(m.intervalMs))
                        return "intervalMs: integer expected";
                }
                if (m.counters != null && $Object.hasOwnProperty.call(m, "counters")) {
                    {
                        var e = $root.iisfleet.v1.AgentCounters.verify(m.counters, q + 1);
                        if (e)
                            return "counters." + e;
                    }
                }
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs")) {
                    if (!$util.isInteger(m.startedAtMs) && !(m.startedAtMs && $util.isInteger(m.startedAtMs.low) && $util.isInteger(m.startedAtMs.high)))
                        return "startedAtMs: integer|Long expected";
                }
                if (m.beatAnchor != null && $Object.hasOwnProperty.call(m, "beatAnchor")) {
                    if (!(m.beatAnchor && typeof m.beatAnchor.length === "number" || $util.isString(m.beatAnchor)))
                        return "beatAnchor: buffer expected";
                }
                if (m.beatProof != null && $Object.hasOwnProperty.call(m, "beatProof")) {
                    if (!(m.beatProof && typeof m.beatProof.length === "number" || $util.isString(m.beatProof)))
                        return "beatProof: buffer expected";
                }
                if (m.answerDigests != null && $Object.hasOwnProperty.call(m, "answerDigests")) {
                    if (!$Array.isArray(m.answerDigests))
                        return "answerDigests: array expected";
                    for (var i = 0; i < m.answerDigests.length; ++i) {
                        if (!(m.answerDigests[i] && typeof m.answerDigests[i].length === "number" || $util.isString(m.answerDigests[i])))
                            return "answerDigests: buffer[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.Heartbeat} Heartbeat
             */
            Heartbeat.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.Heartbeat)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.Heartbeat: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.Heartbeat();
                if (d.facts != null) {
                    if (!$util.isObject(d.facts))
                        throw $TypeError(".iisfleet.v1.Heartbeat.facts: object expected");
                    m.facts = $root.iisfleet.v1.HostFacts.fromObject(d.facts, q + 1);
                }
                if (d.agentVersion != null) {
                    if (typeof d.agentVersion !== "string" || d.agentVersion.length) {
                        m.agentVersion = $String(d.agentVersion);
                    }
                }
                if (d.instanceId != null) {
                    if (typeof d.instanceId !== "string" || d.instanceId.length) {
                        m.instanceId = $String(d.instanceId);
                    }
                }
                if (d.seq != null) {
                    if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                        if ($util.Long)
                            m.seq = $util.Long.fromValue(d.seq, true);
                        else if (typeof d.seq === "string")
                            m.seq = $parseInt(d.seq, 10);
                        else if (typeof d.seq === "number")
                            m.seq = d.seq;
                        else if (typeof d.seq === "object")
                            m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                    }
                }
                if (d.sentAtMs != null) {
                    if (typeof d.sentAtMs === "object" ? d.sentAtMs.low || d.sentAtMs.high : $Number(d.sentAtMs) !== 0) {
                        if ($util.Long)
                            m.sentAtMs = $util.Long.fromValue(d.sentAtMs, false);
                        else if (typeof d.sentAtMs === "string")
                            m.sentAtMs = $parseInt(d.sentAtMs, 10);
                        else if (typeof d.sentAtMs === "number")
                            m.sentAtMs = d.sentAtMs;
                        else if (typeof d.sentAtMs === "object")
                            m.sentAtMs = new $util.LongBits(d.sentAtMs.low >>> 0, d.sentAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.uptimeMs != null) {
                    if (typeof d.uptimeMs === "object" ? d.uptimeMs.low || d.uptimeMs.high : $Number(d.uptimeMs) !== 0) {
                        if ($util.Long)
                            m.uptimeMs = $util.Long.fromValue(d.uptimeMs, true);
                        else if (typeof d.uptimeMs === "string")
                            m.uptimeMs = $parseInt(d.uptimeMs, 10);
                        else if (typeof d.uptimeMs === "number")
                            m.uptimeMs = d.uptimeMs;
                        else if (typeof d.uptimeMs === "object")
                            m.uptimeMs = new $util.LongBits(d.uptimeMs.low >>> 0, d.uptimeMs.high >>> 0).toNumber(true);
                    }
                }
                if (d.intervalMs != null) {
                    if ($Number(d.intervalMs) !== 0) {
                        m.intervalMs = d.intervalMs >>> 0;
                    }
                }
                if (d.counters != null) {
                    if (!$util.isObject(d.counters))
                        throw $TypeError(".iisfleet.v1.Heartbeat.counters: object expected");
                    m.counters = $root.iisfleet.v1.AgentCounters.fromObject(d.counters, q + 1);
                }
                if (d.startedAtMs != null) {
                    if (typeof d.startedAtMs === "object" ? d.startedAtMs.low || d.startedAtMs.high : $Number(d.startedAtMs) !== 0) {
                        if ($util.Long)
                            m.startedAtMs = $util.Long.fromValue(d.startedAtMs, false);
                        else if (typeof d.startedAtMs === "string")
                            m.startedAtMs = $parseInt(d.startedAtMs, 10);
                        else if (typeof d.startedAtMs === "number")
                            m.startedAtMs = d.startedAtMs;
                        else if (typeof d.startedAtMs === "object")
                            m.startedAtMs = new $util.LongBits(d.startedAtMs.low >>> 0, d.startedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.beatAnchor != null) {
                    if (d.beatAnchor.length) {
                        if (typeof d.beatAnchor === "string")
                            $util.base64.decode(d.beatAnchor, m.beatAnchor = $util.newBuffer($util.base64.length(d.beatAnchor)), 0);
                        else if (d.beatAnchor.length >= 0)
                            m.beatAnchor = d.beatAnchor;
                    }
                }
                if (d.beatProof != null) {
                    if (d.beatProof.length) {
                        if (typeof d.beatProof === "string")
                            $util.base64.decode(d.beatProof, m.beatProof = $util.newBuffer($util.base64.length(d.beatProof)), 0);
                        else if (d.beatProof.length >= 0)
                            m.beatProof = d.beatProof;
                    }
                }
                if (d.answerDigests) {
                    if (!$Array.isArray(d.answerDigests))
                        throw $TypeError(".iisfleet.v1.Heartbeat.answerDigests: array expected");
                    m.answerDigests = $Array(d.answerDigests.length);
                    for (var i = 0; i < d.answerDigests.length; ++i) {
                        if (typeof d.answerDigests[i] === "string")
                            $util.base64.decode(d.answerDigests[i], m.answerDigests[i] = $util.newBuffer($util.base64.length(d.answerDigests[i])), 0);
                        else if (d.answerDigests[i].length >= 0)
                            m.answerDigests[i] = d.answerDigests[i];
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {iisfleet.v1.Heartbeat} m Heartbeat
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Heartbeat.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.answerDigests = [];
                }
                if (o.defaults) {
                    d.facts = null;
                    d.agentVersion = "";
                    d.instanceId = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.sentAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sentAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.uptimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.uptimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.intervalMs = 0;
                    d.counters = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.startedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.startedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if (o.bytes === $String)
                        d.beatAnchor = "";
                    else {
                        d.beatAnchor = [];
                        if (o.bytes !== $Array)
                            d.beatAnchor = $util.newBuffer(d.beatAnchor);
                    }
                    if (o.bytes === $String)
                        d.beatProof = "";
                    else {
                        d.beatProof = [];
                        if (o.bytes !== $Array)
                            d.beatProof = $util.newBuffer(d.beatProof);
                    }
                }
                if (m.facts != null && $Object.hasOwnProperty.call(m, "facts")) {
                    d.facts = $root.iisfleet.v1.HostFacts.toObject(m.facts, o, q + 1);
                }
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion")) {
                    d.agentVersion = m.agentVersion;
                }
                if (m.instanceId != null && $Object.hasOwnProperty.call(m, "instanceId")) {
                    d.instanceId = m.instanceId;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                    else if (typeof m.seq === "number")
                        d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                    else
                        d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sentAtMs = typeof m.sentAtMs === "number" ? $BigInt(m.sentAtMs) : $util.Long.fromBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.sentAtMs === "number")
                        d.sentAtMs = o.longs === $String ? $String(m.sentAtMs) : m.sentAtMs;
                    else
                        d.sentAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.sentAtMs) : o.longs === $Number ? new $util.LongBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0).toNumber() : m.sentAtMs;
                }
                if (m.uptimeMs != null && $Object.hasOwnProperty.call(m, "uptimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.uptimeMs = typeof m.uptimeMs === "number" ? $BigInt(m.uptimeMs) : $util.Long.fromBits(m.uptimeMs.low >>> 0, m.uptimeMs.high >>> 0, true).toBigInt();
                    else if (typeof m.uptimeMs === "number")
                        d.uptimeMs = o.longs === $String ? $String(m.uptimeMs) : m.uptimeMs;
                    else
                        d.uptimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.uptimeMs) : o.longs === $Number ? new $util.LongBits(m.uptimeMs.low >>> 0, m.uptimeMs.high >>> 0).toNumber(true) : m.uptimeMs;
                }
                if (m.intervalMs != null && $Object.hasOwnProperty.call(m, "intervalMs")) {
                    d.intervalMs = m.intervalMs;
                }
                if (m.counters != null && $Object.hasOwnProperty.call(m, "counters")) {
                    d.counters = $root.iisfleet.v1.AgentCounters.toObject(m.counters, o, q + 1);
                }
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.startedAtMs = typeof m.startedAtMs === "number" ? $BigInt(m.startedAtMs) : $util.Long.fromBits(m.startedAtMs.low >>> 0, m.startedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.startedAtMs === "number")
                        d.startedAtMs = o.longs === $String ? $String(m.startedAtMs) : m.startedAtMs;
                    else
                        d.startedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.startedAtMs) : o.longs === $Number ? new $util.LongBits(m.startedAtMs.low >>> 0, m.startedAtMs.high >>> 0).toNumber() : m.startedAtMs;
                }
                if (m.beatAnchor != null && $Object.hasOwnProperty.call(m, "beatAnchor")) {
                    d.beatAnchor = o.bytes === $String ? $util.base64.encode(m.beatAnchor, 0, m.beatAnchor.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.beatAnchor) : m.beatAnchor;
                }
                if (m.beatProof != null && $Object.hasOwnProperty.call(m, "beatProof")) {
                    d.beatProof = o.bytes === $String ? $util.base64.encode(m.beatProof, 0, m.beatProof.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.beatProof) : m.beatProof;
                }
                if (m.answerDigests && m.answerDigests.length) {
                    d.answerDigests = $Array(m.answerDigests.length);
                    for (var j = 0; j < m.answerDigests.length; ++j) {
                        d.answerDigests[j] = o.bytes === $String ? $util.base64.encode(m.answerDigests[j], 0, m.answerDigests[j].length) : o.bytes === $Array ? $Array.prototype.slice.call(m.answerDigests[j]) : m.answerDigests[j];
                    }
                }
                return d;
            };

            /**
             * Converts this Heartbeat to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.Heartbeat
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Heartbeat.prototype.toJSON = function() {
                return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Heartbeat
             * @function getTypeUrl
             * @memberof iisfleet.v1.Heartbeat
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Heartbeat.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.Heartbeat";
            };

            return Heartbeat;
        })();

        v1.AgentCounters = (function() {

            /**
             * Properties of an AgentCounters.
             * @typedef {Object} iisfleet.v1.AgentCounters.$Properties
             * @property {number|null} [commandsReceived] AgentCounters commandsReceived
             * @property {number|null} [malformedReceived] AgentCounters malformedReceived
             * @property {number|null} [rejected] AgentCounters rejected
             * @property {number|null} [natsReconnects] AgentCounters natsReconnects
             * @property {number|null} [resetsExecuted] AgentCounters resetsExecuted
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AgentCounters.
             * @memberof iisfleet.v1
             * @interface IAgentCounters
             * @augments iisfleet.v1.AgentCounters.$Properties
             * @deprecated Use iisfleet.v1.AgentCounters.$Properties instead.
             */

            /**
             * Shape of an AgentCounters.
             * @typedef {iisfleet.v1.AgentCounters.$Properties} iisfleet.v1.AgentCounters.$Shape
             */

            /**
             * Constructs a new AgentCounters.
             * @memberof iisfleet.v1
             * @classdesc Represents an AgentCounters.
             * @constructor
             * @param {iisfleet.v1.AgentCounters.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AgentCounters = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * AgentCounters commandsReceived.
             * @member {number} commandsReceived
             * @memberof iisfleet.v1.AgentCounters
             * @instance
             */
            AgentCounters.prototype.commandsReceived = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AgentCounters malformedReceived.
             * @member {number} malformedReceived
             * @memberof iisfleet.v1.AgentCounters
             * @instance
             */
            AgentCounters.prototype.malformedReceived = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AgentCounters rejected.
             * @member {number} rejected
             * @memberof iisfleet.v1.AgentCounters
             * @instance
             */
            AgentCounters.prototype.rejected = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AgentCounters natsReconnects.
             * @member {number} natsReconnects
             * @memberof iisfleet.v1.AgentCounters
             * @instance
             */
            AgentCounters.prototype.natsReconnects = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AgentCounters resetsExecuted.
             * @member {number} resetsExecuted
             * @memberof iisfleet.v1.AgentCounters
             * @instance
             */
            AgentCounters.prototype.resetsExecuted = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new AgentCounters instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {iisfleet.v1.AgentCounters.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.AgentCounters} AgentCounters instance
             * @type {{
             *   (properties: iisfleet.v1.AgentCounters.$Shape): iisfleet.v1.AgentCounters & iisfleet.v1.AgentCounters.$Shape;
             *   (properties?: iisfleet.v1.AgentCounters.$Properties): iisfleet.v1.AgentCounters;
             * }}
             */
            AgentCounters.create = function(properties) {
                return new AgentCounters(properties);
            };

            /**
             * Encodes the specified AgentCounters message. Does not implicitly {@link iisfleet.v1.AgentCounters.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {iisfleet.v1.AgentCounters.$Properties} m AgentCounters message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentCounters.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.commandsReceived != null && $Object.hasOwnProperty.call(m, "commandsReceived") && (typeof m.commandsReceived === "object" ? m.commandsReceived.low || m.commandsReceived.high : m.commandsReceived !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.commandsReceived);
                if (m.malformedReceived != null && $Object.hasOwnProperty.call(m, "malformedReceived") && (typeof m.malformedReceived === "object" ? m.malformedReceived.low || m.malformedReceived.high : m.malformedReceived !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.malformedReceived);
                if (m.rejected != null && $Object.hasOwnProperty.call(m, "rejected") && (typeof m.rejected === "object" ? m.rejected.low || m.rejected.high : m.rejected !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.rejected);
                if (m.natsReconnects != null && $Object.hasOwnProperty.call(m, "natsReconnects") && (typeof m.natsReconnects === "object" ? m.natsReconnects.low || m.natsReconnects.high : m.natsReconnects !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.natsReconnects);
                if (m.resetsExecuted != null && $Object.hasOwnProperty.call(m, "resetsExecuted") && (typeof m.resetsExecuted === "object" ? m.resetsExecuted.low || m.resetsExecuted.high : m.resetsExecuted !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).uint64(m.resetsExecuted);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified AgentCounters message, length delimited. Does not implicitly {@link iisfleet.v1.AgentCounters.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {iisfleet.v1.AgentCounters.$Properties} message AgentCounters message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentCounters.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AgentCounters message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.AgentCounters & iisfleet.v1.AgentCounters.$Shape} AgentCounters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentCounters.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.AgentCounters();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.commandsReceived = v;
                            else
                                delete m.commandsReceived;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.malformedReceived = v;
                            else
                                delete m.malformedReceived;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.rejected = v;
                            else
                                delete m.rejected;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.natsReconnects = v;
                            else
                                delete m.natsReconnects;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.resetsExecuted = v;
                            else
                                delete m.resetsExecuted;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an AgentCounters message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.AgentCounters & iisfleet.v1.AgentCounters.$Shape} AgentCounters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentCounters.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AgentCounters message.
             * @function verify
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AgentCounters.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.commandsReceived != null && $Object.hasOwnProperty.call(m, "commandsReceived")) {
                    if (!$util.isInteger(m.commandsReceived) && !(m.commandsReceived && $util.isInteger(m.commandsReceived.low) && $util.isInteger(m.commandsReceived.high)))
                        return "commandsReceived: integer|Long expected";
                }
                if (m.malformedReceived != null && $Object.hasOwnProperty.call(m, "malformedReceived")) {
                    if (!$util.isInteger(m.malformedReceived) && !(m.malformedReceived && $util.isInteger(m.malformedReceived.low) && $util.isInteger(m.malformedReceived.high)))
                        return "malformedReceived: integer|Long expected";
                }
                if (m.rejected != null && $Object.hasOwnProperty.call(m, "rejected")) {
                    if (!$util.isInteger(m.rejected) && !(m.rejected && $util.isInteger(m.rejected.low) && $util.isInteger(m.rejected.high)))
                        return "rejected: integer|Long expected";
                }
                if (m.natsReconnects != null && $Object.hasOwnProperty.call(m, "natsReconnects")) {
                    if (!$util.isInteger(m.natsReconnects) && !(m.natsReconnects && $util.isInteger(m.natsReconnects.low) && $util.isInteger(m.natsReconnects.high)))
                        return "natsReconnects: integer|Long expected";
                }
                if (m.resetsExecuted != null && $Object.hasOwnProperty.call(m, "resetsExecuted")) {
                    if (!$util.isInteger(m.resetsExecuted) && !(m.resetsExecuted && $util.isInteger(m.resetsExecuted.low) && $util.isInteger(m.resetsExecuted.high)))
                        return "resetsExecuted: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates an AgentCounters message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.AgentCounters} AgentCounters
             */
            AgentCounters.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.AgentCounters)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.AgentCounters: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.AgentCounters();
                if (d.commandsReceived != null) {
                    if (typeof d.commandsReceived === "object" ? d.commandsReceived.low || d.commandsReceived.high : $Number(d.commandsReceived) !== 0) {
                        if ($util.Long)
                            m.commandsReceived = $util.Long.fromValue(d.commandsReceived, true);
                        else if (typeof d.commandsReceived === "string")
                            m.commandsReceived = $parseInt(d.commandsReceived, 10);
                        else if (typeof d.commandsReceived === "number")
                            m.commandsReceived = d.commandsReceived;
                        else if (typeof d.commandsReceived === "object")
                            m.commandsReceived = new $util.LongBits(d.commandsReceived.low >>> 0, d.commandsReceived.high >>> 0).toNumber(true);
                    }
                }
                if (d.malformedReceived != null) {
                    if (typeof d.malformedReceived === "object" ? d.malformedReceived.low || d.malformedReceived.high : $Number(d.malformedReceived) !== 0) {
                        if ($util.Long)
                            m.malformedReceived = $util.Long.fromValue(d.malformedReceived, true);
                        else if (typeof d.malformedReceived === "string")
                            m.malformedReceived = $parseInt(d.malformedReceived, 10);
                        else if (typeof d.malformedReceived === "number")
                            m.malformedReceived = d.malformedReceived;
                        else if (typeof d.malformedReceived === "object")
                            m.malformedReceived = new $util.LongBits(d.malformedReceived.low >>> 0, d.malformedReceived.high >>> 0).toNumber(true);
                    }
                }
                if (d.rejected != null) {
                    if (typeof d.rejected === "object" ? d.rejected.low || d.rejected.high : $Number(d.rejected) !== 0) {
                        if ($util.Long)
                            m.rejected = $util.Long.fromValue(d.rejected, true);
                        else if (typeof d.rejected === "string")
                            m.rejected = $parseInt(d.rejected, 10);
                        else if (typeof d.rejected === "number")
                            m.rejected = d.rejected;
                        else if (typeof d.rejected === "object")
                            m.rejected = new $util.LongBits(d.rejected.low >>> 0, d.rejected.high >>> 0).toNumber(true);
                    }
                }
                if (d.natsReconnects != null) {
                    if (typeof d.natsReconnects === "object" ? d.natsReconnects.low || d.natsReconnects.high : $Number(d.natsReconnects) !== 0) {
                        if ($util.Long)
                            m.natsReconnects = $util.Long.fromValue(d.natsReconnects, true);
                        else if (typeof d.natsReconnects === "string")
                            m.natsReconnects = $parseInt(d.natsReconnects, 10);
                        else if (typeof d.natsReconnects === "number")
                            m.natsReconnects = d.natsReconnects;
                        else if (typeof d.natsReconnects === "object")
                            m.natsReconnects = new $util.LongBits(d.natsReconnects.low >>> 0, d.natsReconnects.high >>> 0).toNumber(true);
                    }
                }
                if (d.resetsExecuted != null) {
                    if (typeof d.resetsExecuted === "object" ? d.resetsExecuted.low || d.resetsExecuted.high : $Number(d.resetsExecuted) !== 0) {
                        if ($util.Long)
                            m.resetsExecuted = $util.Long.fromValue(d.resetsExecuted, true);
                        else if (typeof d.resetsExecuted === "string")
                            m.resetsExecuted = $parseInt(d.resetsExecuted, 10);
                        else if (typeof d.resetsExecuted === "number")
                            m.resetsExecuted = d.resetsExecuted;
                        else if (typeof d.resetsExecuted === "object")
                            m.resetsExecuted = new $util.LongBits(d.resetsExecuted.low >>> 0, d.resetsExecuted.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an AgentCounters message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {iisfleet.v1.AgentCounters} m AgentCounters
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AgentCounters.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.commandsReceived = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.commandsReceived = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.malformedReceived = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.malformedReceived = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.rejected = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.rejected = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.natsReconnects = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.natsReconnects = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.resetsExecuted = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.resetsExecuted = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.commandsReceived != null && $Object.hasOwnProperty.call(m, "commandsReceived")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.commandsReceived = typeof m.commandsReceived === "number" ? $BigInt(m.commandsReceived) : $util.Long.fromBits(m.commandsReceived.low >>> 0, m.commandsReceived.high >>> 0, true).toBigInt();
                    else if (typeof m.commandsReceived === "number")
                        d.commandsReceived = o.longs === $String ? $String(m.commandsReceived) : m.commandsReceived;
                    else
                        d.commandsReceived = o.longs === $String ? $util.Long.prototype.toString.call(m.commandsReceived) : o.longs === $Number ? new $util.LongBits(m.commandsReceived.low >>> 0, m.commandsReceived.high >>> 0).toNumber(true) : m.commandsReceived;
                }
                if (m.malformedReceived != null && $Object.hasOwnProperty.call(m, "malformedReceived")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.malformedReceived = typeof m.malformedReceived === "number" ? $BigInt(m.malformedReceived) : $util.Long.fromBits(m.malformedReceived.low >>> 0, m.malformedReceived.high >>> 0, true).toBigInt();
                    else if (typeof m.malformedReceived === "number")
                        d.malformedReceived = o.longs === $String ? $String(m.malformedReceived) : m.malformedReceived;
                    else
                        d.malformedReceived = o.longs === $String ? $util.Long.prototype.toString.call(m.malformedReceived) : o.longs === $Number ? new $util.LongBits(m.malformedReceived.low >>> 0, m.malformedReceived.high >>> 0).toNumber(true) : m.malformedReceived;
                }
                if (m.rejected != null && $Object.hasOwnProperty.call(m, "rejected")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.rejected = typeof m.rejected === "number" ? $BigInt(m.rejected) : $util.Long.fromBits(m.rejected.low >>> 0, m.rejected.high >>> 0, true).toBigInt();
                    else if (typeof m.rejected === "number")
                        d.rejected = o.longs === $String ? $String(m.rejected) : m.rejected;
                    else
                        d.rejected = o.longs === $String ? $util.Long.prototype.toString.call(m.rejected) : o.longs === $Number ? new $util.LongBits(m.rejected.low >>> 0, m.rejected.high >>> 0).toNumber(true) : m.rejected;
                }
                if (m.natsReconnects != null && $Object.hasOwnProperty.call(m, "natsReconnects")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.natsReconnects = typeof m.natsReconnects === "number" ? $BigInt(m.natsReconnects) : $util.Long.fromBits(m.natsReconnects.low >>> 0, m.natsReconnects.high >>> 0, true).toBigInt();
                    else if (typeof m.natsReconnects === "number")
                        d.natsReconnects = o.longs === $String ? $String(m.natsReconnects) : m.natsReconnects;
                    else
                        d.natsReconnects = o.longs === $String ? $util.Long.prototype.toString.call(m.natsReconnects) : o.longs === $Number ? new $util.LongBits(m.natsReconnects.low >>> 0, m.natsReconnects.high >>> 0).toNumber(true) : m.natsReconnects;
                }
                if (m.resetsExecuted != null && $Object.hasOwnProperty.call(m, "resetsExecuted")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.resetsExecuted = typeof m.resetsExecuted === "number" ? $BigInt(m.resetsExecuted) : $util.Long.fromBits(m.resetsExecuted.low >>> 0, m.resetsExecuted.high >>> 0, true).toBigInt();
                    else if (typeof m.resetsExecuted === "number")
                        d.resetsExecuted = o.longs === $String ? $String(m.resetsExecuted) : m.resetsExecuted;
                    else
                        d.resetsExecuted = o.longs === $String ? $util.Long.prototype.toString.call(m.resetsExecuted) : o.longs === $Number ? new $util.LongBits(m.resetsExecuted.low >>> 0, m.resetsExecuted.high >>> 0).toNumber(true) : m.resetsExecuted;
                }
                return d;
            };

            /**
             * Converts this AgentCounters to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.AgentCounters
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AgentCounters.prototype.toJSON = function() {
                return AgentCounters.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AgentCounters
             * @function getTypeUrl
             * @memberof iisfleet.v1.AgentCounters
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AgentCounters.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.AgentCounters";
            };

            return AgentCounters;
        })();

        v1.ProgressEvent = (function() {

            /**
             * Properties of a ProgressEvent.
             * @typedef {Object} iisfleet.v1.ProgressEvent.$Properties
             * @property {string|null} [commandId] ProgressEvent commandId
             * @property {string|null} [host] ProgressEvent host
             * @property {number|null} [seq] ProgressEvent seq
             * @property {number|null} [atMs] ProgressEvent atMs
             * @property {iisfleet.v1.Step.$Properties|null} [step] ProgressEvent step
             * @property {string|null} [phase] ProgressEvent phase
             * @property {string|null} [message] ProgressEvent message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ProgressEvent.
             * @memberof iisfleet.v1
             * @interface IProgressEvent
             * @augments iisfleet.v1.ProgressEvent.$Properties
             * @deprecated Use iisfleet.v1.ProgressEvent.$Properties instead.
             */

            /**
             * Shape of a ProgressEvent.
             * @typedef {iisfleet.v1.ProgressEvent.$Properties} iisfleet.v1.ProgressEvent.$Shape
             */

            /**
             * Constructs a new ProgressEvent.
             * @memberof iisfleet.v1
             * @classdesc Represents a ProgressEvent.
             * @constructor
             * @param {iisfleet.v1.ProgressEvent.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ProgressEvent = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ProgressEvent commandId.
             * @member {string} commandId
             * @memberof iisfleet.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.commandId = "";

            /**
             * ProgressEvent host.
             * @member {string} host
             * @memberof iisfleet.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.host = "";

            /**
             * ProgressEvent seq.
             * @member {number} seq
             * @memberof iisfleet.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.seq = 0;

            /**
             * ProgressEvent atMs.
             * @member {number} atMs
             * @memberof iisfleet.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.atMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * ProgressEvent step.
             * @member {iisfleet.v1.Step.$Properties|null|undefined} step
             * @memberof iisfleet.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.step = null;

            /**
             * ProgressEvent phase.
             * @member {string} phase
             * @memberof iisfleet.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.phase = "";

            /**
             * ProgressEvent message.
             * @member {string} message
             * @memberof iisfleet.v1.ProgressEvent
             * @instance
             */
            ProgressEvent.prototype.message = "";

            /**
             * Creates a new ProgressEvent instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {iisfleet.v1.ProgressEvent.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.ProgressEvent} ProgressEvent instance
             * @type {{
             *   (properties: iisfleet.v1.ProgressEvent.$Shape): iisfleet.v1.ProgressEvent & iisfleet.v1.ProgressEvent.$Shape;
             *   (properties?: iisfleet.v1.ProgressEvent.$Properties): iisfleet.v1.ProgressEvent;
             * }}
             */
            ProgressEvent.create = function(properties) {
                return new ProgressEvent(properties);
            };

            /**
             * Encodes the specified ProgressEvent message. Does not implicitly {@link iisfleet.v1.ProgressEvent.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {iisfleet.v1.ProgressEvent.$Properties} m ProgressEvent message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ProgressEvent.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.commandId);
                if (m.host != null && $Object.hasOwnProperty.call(m, "host") && m.host !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.host);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && m.seq !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.seq);
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs") && (typeof m.atMs === "object" ? m.atMs.low || m.atMs.high : m.atMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.atMs);
                if (m.step != null && $Object.hasOwnProperty.call(m, "step"))
                    $root.iisfleet.v1.Step.encode(m.step, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.phase != null && $Object.hasOwnProperty.call(m, "phase") && m.phase !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.phase);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.message);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ProgressEvent message, length delimited. Does not implicitly {@link iisfleet.v1.ProgressEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {iisfleet.v1.ProgressEvent.$Properties} message ProgressEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ProgressEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ProgressEvent message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.ProgressEvent & iisfleet.v1.ProgressEvent.$Shape} ProgressEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ProgressEvent.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.ProgressEvent();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.host = v;
                            else
                                delete m.host;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.atMs = v;
                            else
                                delete m.atMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.step = $root.iisfleet.v1.Step.decode(r, r.size(), $undefined, q + 1, m.step);
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.phase = v;
                            else
                                delete m.phase;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ProgressEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.ProgressEvent & iisfleet.v1.ProgressEvent.$Shape} ProgressEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ProgressEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ProgressEvent message.
             * @function verify
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ProgressEvent.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                if (m.host != null && $Object.hasOwnProperty.call(m, "host")) {
                    if (!$util.isString(m.host))
                        return "host: string expected";
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (!$util.isInteger(m.seq))
                        return "seq: integer expected";
                }
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs")) {
                    if (!$util.isInteger(m.atMs) && !(m.atMs && $util.isInteger(m.atMs.low) && $util.isInteger(m.atMs.high)))
                        return "atMs: integer|Long expected";
                }
                if (m.step != null && $Object.hasOwnProperty.call(m, "step")) {
                    {
                        var e = $root.iisfleet.v1.Step.verify(m.step, q + 1);
                        if (e)
                            return "step." + e;
                    }
                }
                if (m.phase != null && $Object.hasOwnProperty.call(m, "phase")) {
                    if (!$util.isString(m.phase))
                        return "phase: string expected";
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    if (!$util.isString(m.message))
                        return "message: string expected";
                }
                return null;
            };

            /**
             * Creates a ProgressEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.ProgressEvent} ProgressEvent
             */
            ProgressEvent.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.ProgressEvent)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.ProgressEvent: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.ProgressEvent();
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                if (d.host != null) {
                    if (typeof d.host !== "string" || d.host.length) {
                        m.host = $String(d.host);
                    }
                }
                if (d.seq != null) {
                    if ($Number(d.seq) !== 0) {
                        m.seq = d.seq >>> 0;
                    }
                }
                if (d.atMs != null) {
                    if (typeof d.atMs === "object" ? d.atMs.low || d.atMs.high : $Number(d.atMs) !== 0) {
                        if ($util.Long)
                            m.atMs = $util.Long.fromValue(d.atMs, false);
                        else if (typeof d.atMs === "string")
                            m.atMs = $parseInt(d.atMs, 10);
                        else if (typeof d.atMs === "number")
                            m.atMs = d.atMs;
                        else if (typeof d.atMs === "object")
                            m.atMs = new $util.LongBits(d.atMs.low >>> 0, d.atMs.high >>> 0).toNumber();
                    }
                }
                if (d.step != null) {
                    if (!$util.isObject(d.step))
                        throw $TypeError(".iisfleet.v1.ProgressEvent.step: object expected");
                    m.step = $root.iisfleet.v1.Step.fromObject(d.step, q + 1);
                }
                if (d.phase != null) {
                    if (typeof d.phase !== "string" || d.phase.length) {
                        m.phase = $String(d.phase);
                    }
                }
                if (d.message != null) {
                    if (typeof d.message !== "string" || d.message.length) {
                        m.message = $String(d.message);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ProgressEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {iisfleet.v1.ProgressEvent} m ProgressEvent
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ProgressEvent.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.commandId = "";
                    d.host = "";
                    d.seq = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.atMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.atMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.step = null;
                    d.phase = "";
                    d.message = "";
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                if (m.host != null && $Object.hasOwnProperty.call(m, "host")) {
                    d.host = m.host;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    d.seq = m.seq;
                }
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.atMs = typeof m.atMs === "number" ? $BigInt(m.atMs) : $util.Long.fromBits(m.atMs.low >>> 0, m.atMs.high >>> 0, false).toBigInt();
                    else if (typeof m.atMs === "number")
                        d.atMs = o.longs === $String ? $String(m.atMs) : m.atMs;
                    else
                        d.atMs = o.longs === $String ? $util.Long.prototype.toString.call(m.atMs) : o.longs === $Number ? new $util.LongBits(m.atMs.low >>> 0, m.atMs.high >>> 0).toNumber() : m.atMs;
                }
                if (m.step != null && $Object.hasOwnProperty.call(m, "step")) {
                    d.step = $root.iisfleet.v1.Step.toObject(m.step, o, q + 1);
                }
                if (m.phase != null && $Object.hasOwnProperty.call(m, "phase")) {
                    d.phase = m.phase;
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    d.message = m.message;
                }
                return d;
            };

            /**
             * Converts this ProgressEvent to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.ProgressEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ProgressEvent.prototype.toJSON = function() {
                return ProgressEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ProgressEvent
             * @function getTypeUrl
             * @memberof iisfleet.v1.ProgressEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ProgressEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.ProgressEvent";
            };

            return ProgressEvent;
        })();

        v1.StatusRequest = (function() {

            /**
             * Properties of a StatusRequest.
             * @typedef {Object} iisfleet.v1.StatusRequest.$Properties
             * @property {string|null} [requestId] StatusRequest requestId
             * @property {string|null} [farm] StatusRequest farm
             * @property {Object.<string,string>|null} [tags] StatusRequest tags
             * @property {Array.<string>|null} [hosts] StatusRequest hosts
             * @property {boolean|null} [brief] StatusRequest brief
             * @property {boolean|null} [stable] StatusRequest stable
             * @property {boolean|null} [conditional] StatusRequest conditional
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StatusRequest.
             * @memberof iisfleet.v1
             * @interface IStatusRequest
             * @augments iisfleet.v1.StatusRequest.$Properties
             * @deprecated Use iisfleet.v1.StatusRequest.$Properties instead.
             */

            /**
             * Shape of a StatusRequest.
             * @typedef {iisfleet.v1.StatusRequest.$Properties} iisfleet.v1.StatusRequest.$Shape
             */

            /**
             * Constructs a new StatusRequest.
             * @memberof iisfleet.v1
             * @classdesc Represents a StatusRequest.
             * @constructor
             * @param {iisfleet.v1.StatusRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StatusRequest = function (p) {
                this.tags = {};
                this.hosts = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StatusRequest requestId.
             * @member {string} requestId
             * @memberof iisfleet.v1.StatusRequest
             * @instance
             */
            StatusRequest.prototype.requestId = "";

            /**
             * StatusRequest farm.
             * @member {string} farm
             * @memberof iisfleet.v1.StatusRequest
             * @instance
             */
            StatusRequest.prototype.farm = "";

            /**
             * StatusRequest tags.
             * @member {Object.<string,string>} tags
             * @memberof iisfleet.v1.StatusRequest
             * @instance
             */
            StatusRequest.prototype.tags = $util.emptyObject;

            /**
             * StatusRequest hosts.
             * @member {Array.<string>} hosts
             * @memberof iisfleet.v1.StatusRequest
             * @instance
             */
            StatusRequest.prototype.hosts = $util.emptyArray;

            /**
             * StatusRequest brief.
             * @member {boolean} brief
             * @memberof iisfleet.v1.StatusRequest
             * @instance
             */
            StatusRequest.prototype.brief = false;

            /**
             * StatusRequest stable.
             * @member {boolean} stable
             * @memberof iisfleet.v1.StatusRequest
             * @instance
             */
            StatusRequest.prototype.stable = false;

            /**
             * StatusRequest conditional.
             * @member {boolean} conditional
             * @memberof iisfleet.v1.StatusRequest
             * @instance
             */
            StatusRequest.prototype.conditional = false;

            /**
             * Creates a new StatusRequest instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {iisfleet.v1.StatusRequest.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.StatusRequest} StatusRequest instance
             * @type {{
             *   (properties: iisfleet.v1.StatusRequest.$Shape): iisfleet.v1.StatusRequest & iisfleet.v1.StatusRequest.$Shape;
             *   (properties?: iisfleet.v1.StatusRequest.$Properties): iisfleet.v1.StatusRequest;
             * }}
             */
            StatusRequest.create = function(properties) {
                return new StatusRequest(properties);
            };

            /**
             * Encodes the specified StatusRequest message. Does not implicitly {@link iisfleet.v1.StatusRequest.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {iisfleet.v1.StatusRequest.$Properties} m StatusRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StatusRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.requestId);
                if (m.farm != null && $Object.hasOwnProperty.call(m, "farm") && m.farm !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.farm);
                if (m.tags != null && $Object.hasOwnProperty.call(m, "tags")) {
                    for (var ks = $Object.keys(m.tags), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 3, wireType 2 =*/26).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 2 =*/18).string(m.tags[ks[i]]).ldelim();
                    }
                }
                if (m.hosts != null && m.hosts.length) {
                    for (var i = 0; i < m.hosts.length; ++i)
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.hosts[i]);
                }
                if (m.brief != null && $Object.hasOwnProperty.call(m, "brief") && m.brief !== false)
                    w.uint32(/* id 5, wireType 0 =*/40).bool(m.brief);
                if (m.stable != null && $Object.hasOwnProperty.call(m, "stable") && m.stable !== false)
                    w.uint32(/* id 6, wireType 0 =*/48).bool(m.stable);
                if (m.conditional != null && $Object.hasOwnProperty.call(m, "conditional") && m.conditional !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.conditional);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified StatusRequest message, length delimited. Does not implicitly {@link iisfleet.v1.StatusRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {iisfleet.v1.StatusRequest.$Properties} message StatusRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StatusRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StatusRequest message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.StatusRequest & iisfleet.v1.StatusRequest.$Shape} StatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StatusRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.StatusRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.farm = v;
                            else
                                delete m.farm;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (m.tags === $util.emptyObject)
                                m.tags = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = "";
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 2)
                                        break;
                                    v = r.stringVerify();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.tags, k);
                            m.tags[k] = v;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.hosts && m.hosts.length))
                                m.hosts = [];
                            m.hosts.push(r.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.brief = v;
                            else
                                delete m.brief;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.stable = v;
                            else
                                delete m.stable;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.conditional = v;
                            else
                                delete m.conditional;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a StatusRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.StatusRequest & iisfleet.v1.StatusRequest.$Shape} StatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StatusRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StatusRequest message.
             * @function verify
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StatusRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    if (!$util.isString(m.requestId))
                        return "requestId: string expected";
                }
                if (m.farm != null && $Object.hasOwnProperty.call(m, "farm")) {
                    if (!$util.isString(m.farm))
                        return "farm: string expected";
                }
                if (m.tags != null && $Object.hasOwnProperty.call(m, "tags")) {
                    if (!$util.isObject(m.tags))
                        return "tags: object expected";
                    var k = $Object.keys(m.tags);
                    for (var i = 0; i < k.length; ++i) {
                        if (!$util.isString(m.tags[k[i]]))
                            return "tags: string{k:string} expected";
                    }
                }
                if (m.hosts != null && $Object.hasOwnProperty.call(m, "hosts")) {
                    if (!$Array.isArray(m.hosts))
                        return "hosts: array expected";
                    for (var i = 0; i < m.hosts.length; ++i) {
                        if (!$util.isString(m.hosts[i]))
                            return "hosts: string[] expected";
                    }
                }
                if (m.brief != null && $Object.hasOwnProperty.call(m, "brief")) {
                    if (typeof m.brief !== "boolean")
                        return "brief: boolean expected";
                }
                if (m.stable != null && $Object.hasOwnProperty.call(m, "stable")) {
                    if (typeof m.stable !== "boolean")
                        return "stable: boolean expected";
                }
                if (m.conditional != null && $Object.hasOwnProperty.call(m, "conditional")) {
                    if (typeof m.conditional !== "boolean")
                        return "conditional: boolean expected";
                }
                return null;
            };

            /**
             * Creates a StatusRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.StatusRequest} StatusRequest
             */
            StatusRequest.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.StatusRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.StatusRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.StatusRequest();
                if (d.requestId != null) {
                    if (typeof d.requestId !== "string" || d.requestId.length) {
                        m.requestId = $String(d.requestId);
                    }
                }
                if (d.farm != null) {
                    if (typeof d.farm !== "string" || d.farm.length) {
                        m.farm = $String(d.farm);
                    }
                }
                if (d.tags) {
                    if (!$util.isObject(d.tags))
                        throw $TypeError(".iisfleet.v1.StatusRequest.tags: object expected");
                    m.tags = {};
                    for (var ks = $Object.keys(d.tags), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.tags, ks[i]);
                        m.tags[ks[i]] = $String(d.tags[ks[i]]);
                    }
                }
                if (d.hosts) {
                    if (!$Array.isArray(d.hosts))
                        throw $TypeError(".iisfleet.v1.StatusRequest.hosts: array expected");
                    m.hosts = $Array(d.hosts.length);
                    for (var i = 0; i < d.hosts.length; ++i) {
                        m.hosts[i] = $String(d.hosts[i]);
                    }
                }
                if (d.brief != null) {
                    if (d.brief) {
                        m.brief = $Boolean(d.brief);
                    }
                }
                if (d.stable != null) {
                    if (d.stable) {
                        m.stable = $Boolean(d.stable);
                    }
                }
                if (d.conditional != null) {
                    if (d.conditional) {
                        m.conditional = $Boolean(d.conditional);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a StatusRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {iisfleet.v1.StatusRequest} m StatusRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StatusRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.hosts = [];
                }
                if (o.objects || o.defaults) {
                    d.tags = {};
                }
                if (o.defaults) {
                    d.requestId = "";
                    d.farm = "";
                    d.brief = false;
                    d.stable = false;
                    d.conditional = false;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.farm != null && $Object.hasOwnProperty.call(m, "farm")) {
                    d.farm = m.farm;
                }
                var ks2;
                if (m.tags && (ks2 = $Object.keys(m.tags)).length) {
                    d.tags = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.tags, ks2[j]);
                        d.tags[ks2[j]] = m.tags[ks2[j]];
                    }
                }
                if (m.hosts && m.hosts.length) {
                    d.hosts = $Array(m.hosts.length);
                    for (var j = 0; j < m.hosts.length; ++j) {
                        d.hosts[j] = m.hosts[j];
                    }
                }
                if (m.brief != null && $Object.hasOwnProperty.call(m, "brief")) {
                    d.brief = m.brief;
                }
                if (m.stable != null && $Object.hasOwnProperty.call(m, "stable")) {
                    d.stable = m.stable;
                }
                if (m.conditional != null && $Object.hasOwnProperty.call(m, "conditional")) {
                    d.conditional = m.conditional;
                }
                return d;
            };

            /**
             * Converts this StatusRequest to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.StatusRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StatusRequest.prototype.toJSON = function() {
                return StatusRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StatusRequest
             * @function getTypeUrl
             * @memberof iisfleet.v1.StatusRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StatusRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.StatusRequest";
            };

            return StatusRequest;
        })();

        v1.StatusReport = (function() {

            /**
             * Properties of a StatusReport.
             * @typedef {Object} iisfleet.v1.StatusReport.$Properties
             * @property {string|null} [requestId] StatusReport requestId
             * @property {iisfleet.v1.HostFacts.$Properties|null} [facts] StatusReport facts
             * @property {string|null} [agentVersion] StatusReport agentVersion
             * @property {string|null} [instanceId] StatusReport instanceId
             * @property {number|null} [uptimeMs] StatusReport uptimeMs
             * @property {number|null} [sentAtMs] StatusReport sentAtMs
             * @property {number|null} [startedAtMs] StatusReport startedAtMs
             * @property {Uint8Array|null} [unchangedAnswer] StatusReport unchangedAnswer
             * @property {number|null} [unchangedSinceStatement] StatusReport unchangedSinceStatement
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StatusReport.
             * @memberof iisfleet.v1
             * @interface IStatusReport
             * @augments iisfleet.v1.StatusReport.$Properties
             * @deprecated Use iisfleet.v1.StatusReport.$Properties instead.
             */

            /**
             * Shape of a StatusReport.
             * @typedef {iisfleet.v1.StatusReport.$Properties} iisfleet.v1.StatusReport.$Shape
             */

            /**
             * Constructs a new StatusReport.
             * @memberof iisfleet.v1
             * @classdesc Represents a StatusReport.
             * @constructor
             * @param {iisfleet.v1.StatusReport.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StatusReport = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StatusReport requestId.
             * @member {string} requestId
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.requestId = "";

            /**
             * StatusReport facts.
             * @member {iisfleet.v1.HostFacts.$Properties|null|undefined} facts
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.facts = null;

            /**
             * StatusReport agentVersion.
             * @member {string} agentVersion
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.agentVersion = "";

            /**
             * StatusReport instanceId.
             * @member {string} instanceId
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.instanceId = "";

            /**
             * StatusReport uptimeMs.
             * @member {number} uptimeMs
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.uptimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StatusReport sentAtMs.
             * @member {number} sentAtMs
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * StatusReport startedAtMs.
             * @member {number} startedAtMs
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.startedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * StatusReport unchangedAnswer.
             * @member {Uint8Array} unchangedAnswer
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.unchangedAnswer = $util.newBuffer([]);

            /**
             * StatusReport unchangedSinceStatement.
             * @member {number} unchangedSinceStatement
             * @memberof iisfleet.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.unchangedSinceStatement = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new StatusReport instance using the specified properties.
             * @function create
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {iisfleet.v1.StatusReport.$Properties=} [properties] Properties to set
             * @returns {iisfleet.v1.StatusReport} StatusReport instance
             * @type {{
             *   (properties: iisfleet.v1.StatusReport.$Shape): iisfleet.v1.StatusReport & iisfleet.v1.StatusReport.$Shape;
             *   (properties?: iisfleet.v1.StatusReport.$Properties): iisfleet.v1.StatusReport;
             * }}
             */
            StatusReport.create = function(properties) {
                return new StatusReport(properties);
            };

            /**
             * Encodes the specified StatusReport message. Does not implicitly {@link iisfleet.v1.StatusReport.verify|verify} messages.
             * @function encode
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {iisfleet.v1.StatusReport.$Properties} m StatusReport message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StatusReport.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.requestId);
                if (m.facts != null && $Object.hasOwnProperty.call(m, "facts"))
                    $root.iisfleet.v1.HostFacts.encode(m.facts, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion") && m.agentVersion !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.agentVersion);
                if (m.instanceId != null && $Object.hasOwnProperty.call(m, "instanceId") && m.instanceId !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.instanceId);
                if (m.uptimeMs != null && $Object.hasOwnProperty.call(m, "uptimeMs") && (typeof m.uptimeMs === "object" ? m.uptimeMs.low || m.uptimeMs.high : m.uptimeMs !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).uint64(m.uptimeMs);
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs") && (typeof m.sentAtMs === "object" ? m.sentAtMs.low || m.sentAtMs.high : m.sentAtMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.sentAtMs);
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs") && (typeof m.startedAtMs === "object" ? m.startedAtMs.low || m.startedAtMs.high : m.startedAtMs !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).int64(m.startedAtMs);
                if (m.unchangedAnswer != null && $Object.hasOwnProperty.call(m, "unchangedAnswer") && m.unchangedAnswer.length)
                    w.uint32(/* id 8, wireType 2 =*/66).bytes(m.unchangedAnswer);
                if (m.unchangedSinceStatement != null && $Object.hasOwnProperty.call(m, "unchangedSinceStatement") && (typeof m.unchangedSinceStatement === "object" ? m.unchangedSinceStatement.low || m.unchangedSinceStatement.high : m.unchangedSinceStatement !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).uint64(m.unchangedSinceStatement);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified StatusReport message, length delimited. Does not implicitly {@link iisfleet.v1.StatusReport.verify|verify} messages.
             * @function encodeDelimited
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {iisfleet.v1.StatusReport.$Properties} message StatusReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StatusReport.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StatusReport message from the specified reader or buffer.
             * @function decode
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {iisfleet.v1.StatusReport & iisfleet.v1.StatusReport.$Shape} StatusReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StatusReport.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.iisfleet.v1.StatusReport();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.facts = $root.iisfleet.v1.HostFacts.decode(r, r.size(), $undefined, q + 1, m.facts);
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.agentVersion = v;
                            else
                                delete m.agentVersion;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.instanceId = v;
                            else
                                delete m.instanceId;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.uptimeMs = v;
                            else
                                delete m.uptimeMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAtMs = v;
                            else
                                delete m.sentAtMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.startedAtMs = v;
                            else
                                delete m.startedAtMs;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.unchangedAnswer = v;
                            else
                                delete m.unchangedAnswer;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.unchangedSinceStatement = v;
                            else
                                delete m.unchangedSinceStatement;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a StatusReport message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {iisfleet.v1.StatusReport & iisfleet.v1.StatusReport.$Shape} StatusReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StatusReport.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StatusReport message.
             * @function verify
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StatusReport.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    if (!$util.isString(m.requestId))
                        return "requestId: string expected";
                }
                if (m.facts != null && $Object.hasOwnProperty.call(m, "facts")) {
                    {
                        var e = $root.iisfleet.v1.HostFacts.verify(m.facts, q + 1);
                        if (e)
                            return "facts." + e;
                    }
                }
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion")) {
                    if (!$util.isString(m.agentVersion))
                        return "agentVersion: string expected";
                }
                if (m.instanceId != null && $Object.hasOwnProperty.call(m, "instanceId")) {
                    if (!$util.isString(m.instanceId))
                        return "instanceId: string expected";
                }
                if (m.uptimeMs != null && $Object.hasOwnProperty.call(m, "uptimeMs")) {
                    if (!$util.isInteger(m.uptimeMs) && !(m.uptimeMs && $util.isInteger(m.uptimeMs.low) && $util.isInteger(m.uptimeMs.high)))
                        return "uptimeMs: integer|Long expected";
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (!$util.isInteger(m.sentAtMs) && !(m.sentAtMs && $util.isInteger(m.sentAtMs.low) && $util.isInteger(m.sentAtMs.high)))
                        return "sentAtMs: integer|Long expected";
                }
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs")) {
                    if (!$util.isInteger(m.startedAtMs) && !(m.startedAtMs && $util.isInteger(m.startedAtMs.low) && $util.isInteger(m.startedAtMs.high)))
                        return "startedAtMs: integer|Long expected";
                }
                if (m.unchangedAnswer != null && $Object.hasOwnProperty.call(m, "unchangedAnswer")) {
                    if (!(m.unchangedAnswer && typeof m.unchangedAnswer.length === "number" || $util.isString(m.unchangedAnswer)))
                        return "unchangedAnswer: buffer expected";
                }
                if (m.unchangedSinceStatement != null && $Object.hasOwnProperty.call(m, "unchangedSinceStatement")) {
                    if (!$util.isInteger(m.unchangedSinceStatement) && !(m.unchangedSinceStatement && $util.isInteger(m.unchangedSinceStatement.low) && $util.isInteger(m.unchangedSinceStatement.high)))
                        return "unchangedSinceStatement: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a StatusReport message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {iisfleet.v1.StatusReport} StatusReport
             */
            StatusReport.fromObject = function (d, q) {
                if (d instanceof $root.iisfleet.v1.StatusReport)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".iisfleet.v1.StatusReport: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.iisfleet.v1.StatusReport();
                if (d.requestId != null) {
                    if (typeof d.requestId !== "string" || d.requestId.length) {
                        m.requestId = $String(d.requestId);
                    }
                }
                if (d.facts != null) {
                    if (!$util.isObject(d.facts))
                        throw $TypeError(".iisfleet.v1.StatusReport.facts: object expected");
                    m.facts = $root.iisfleet.v1.HostFacts.fromObject(d.facts, q + 1);
                }
                if (d.agentVersion != null) {
                    if (typeof d.agentVersion !== "string" || d.agentVersion.length) {
                        m.agentVersion = $String(d.agentVersion);
                    }
                }
                if (d.instanceId != null) {
                    if (typeof d.instanceId !== "string" || d.instanceId.length) {
                        m.instanceId = $String(d.instanceId);
                    }
                }
                if (d.uptimeMs != null) {
                    if (typeof d.uptimeMs === "object" ? d.uptimeMs.low || d.uptimeMs.high : $Number(d.uptimeMs) !== 0) {
                        if ($util.Long)
                            m.uptimeMs = $util.Long.fromValue(d.uptimeMs, true);
                        else if (typeof d.uptimeMs === "string")
                            m.uptimeMs = $parseInt(d.uptimeMs, 10);
                        else if (typeof d.uptimeMs === "number")
                            m.uptimeMs = d.uptimeMs;
                        else if (typeof d.uptimeMs === "object")
                            m.uptimeMs = new $util.LongBits(d.uptimeMs.low >>> 0, d.uptimeMs.high >>> 0).toNumber(true);
                    }
                }
                if (d.sentAtMs != null) {
                    if (typeof d.sentAtMs === "object" ? d.sentAtMs.low || d.sentAtMs.high : $Number(d.sentAtMs) !== 0) {
                        if ($util.Long)
                            m.sentAtMs = $util.Long.fromValue(d.sentAtMs, false);
                        else if (typeof d.sentAtMs === "string")
                            m.sentAtMs = $parseInt(d.sentAtMs, 10);
                        else if (typeof d.sentAtMs === "number")
                            m.sentAtMs = d.sentAtMs;
                        else if (typeof d.sentAtMs === "object")
                            m.sentAtMs = new $util.LongBits(d.sentAtMs.low >>> 0, d.sentAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.startedAtMs != null) {
                    if (typeof d.startedAtMs === "object" ? d.startedAtMs.low || d.startedAtMs.high : $Number(d.startedAtMs) !== 0) {
                        if ($util.Long)
                            m.startedAtMs = $util.Long.fromValue(d.startedAtMs, false);
                        else if (typeof d.startedAtMs === "string")
                            m.startedAtMs = $parseInt(d.startedAtMs, 10);
                        else if (typeof d.startedAtMs === "number")
                            m.startedAtMs = d.startedAtMs;
                        else if (typeof d.startedAtMs === "object")
                            m.startedAtMs = new $util.LongBits(d.startedAtMs.low >>> 0, d.startedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.unchangedAnswer != null) {
                    if (d.unchangedAnswer.length) {
                        if (typeof d.unchangedAnswer === "string")
                            $util.base64.decode(d.unchangedAnswer, m.unchangedAnswer = $util.newBuffer($util.base64.length(d.unchangedAnswer)), 0);
                        else if (d.unchangedAnswer.length >= 0)
                            m.unchangedAnswer = d.unchangedAnswer;
                    }
                }
                if (d.unchangedSinceStatement != null) {
                    if (typeof d.unchangedSinceStatement === "object" ? d.unchangedSinceStatement.low || d.unchangedSinceStatement.high : $Number(d.unchangedSinceStatement) !== 0) {
                        if ($util.Long)
                            m.unchangedSinceStatement = $util.Long.fromValue(d.unchangedSinceStatement, true);
                        else if (typeof d.unchangedSinceStatement === "string")
                            m.unchangedSinceStatement = $parseInt(d.unchangedSinceStatement, 10);
                        else if (typeof d.unchangedSinceStatement === "number")
                            m.unchangedSinceStatement = d.unchangedSinceStatement;
                        else if (typeof d.unchangedSinceStatement === "object")
                            m.unchangedSinceStatement = new $util.LongBits(d.unchangedSinceStatement.low >>> 0, d.unchangedSinceStatement.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a StatusReport message. Also converts values to other types if specified.
             * @function toObject
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {iisfleet.v1.StatusReport} m StatusReport
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StatusReport.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.requestId = "";
                    d.facts = null;
                    d.agentVersion = "";
                    d.instanceId = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.uptimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.uptimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.sentAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sentAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.startedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.startedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if (o.bytes === $String)
                        d.unchangedAnswer = "";
                    else {
                        d.unchangedAnswer = [];
                        if (o.bytes !== $Array)
                            d.unchangedAnswer = $util.newBuffer(d.unchangedAnswer);
                    }
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.unchangedSinceStatement = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.unchangedSinceStatement = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.facts != null && $Object.hasOwnProperty.call(m, "facts")) {
                    d.facts = $root.iisfleet.v1.HostFacts.toObject(m.facts, o, q + 1);
                }
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion")) {
                    d.agentVersion = m.agentVersion;
                }
                if (m.instanceId != null && $Object.hasOwnProperty.call(m, "instanceId")) {
                    d.instanceId = m.instanceId;
                }
                if (m.uptimeMs != null && $Object.hasOwnProperty.call(m, "uptimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.uptimeMs = typeof m.uptimeMs === "number" ? $BigInt(m.uptimeMs) : $util.Long.fromBits(m.uptimeMs.low >>> 0, m.uptimeMs.high >>> 0, true).toBigInt();
                    else if (typeof m.uptimeMs === "number")
                        d.uptimeMs = o.longs === $String ? $String(m.uptimeMs) : m.uptimeMs;
                    else
                        d.uptimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.uptimeMs) : o.longs === $Number ? new $util.LongBits(m.uptimeMs.low >>> 0, m.uptimeMs.high >>> 0).toNumber(true) : m.uptimeMs;
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sentAtMs = typeof m.sentAtMs === "number" ? $BigInt(m.sentAtMs) : $util.Long.fromBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.sentAtMs === "number")
                        d.sentAtMs = o.longs === $String ? $String(m.sentAtMs) : m.sentAtMs;
                    else
                        d.sentAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.sentAtMs) : o.longs === $Number ? new $util.LongBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0).toNumber() : m.sentAtMs;
                }
                if (m.startedAtMs != null && $Object.hasOwnProperty.call(m, "startedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.startedAtMs = typeof m.startedAtMs === "number" ? $BigInt(m.startedAtMs) : $util.Long.fromBits(m.startedAtMs.low >>> 0, m.startedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.startedAtMs === "number")
                        d.startedAtMs = o.longs === $String ? $String(m.startedAtMs) : m.startedAtMs;
                    else
                        d.startedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.startedAtMs) : o.longs === $Number ? new $util.LongBits(m.startedAtMs.low >>> 0, m.startedAtMs.high >>> 0).toNumber() : m.startedAtMs;
                }
                if (m.unchangedAnswer != null && $Object.hasOwnProperty.call(m, "unchangedAnswer")) {
                    d.unchangedAnswer = o.bytes === $String ? $util.base64.encode(m.unchangedAnswer, 0, m.unchangedAnswer.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.unchangedAnswer) : m.unchangedAnswer;
                }
                if (m.unchangedSinceStatement != null && $Object.hasOwnProperty.call(m, "unchangedSinceStatement")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.unchangedSinceStatement = typeof m.unchangedSinceStatement === "number" ? $BigInt(m.unchangedSinceStatement) : $util.Long.fromBits(m.unchangedSinceStatement.low >>> 0, m.unchangedSinceStatement.high >>> 0, true).toBigInt();
                    else if (typeof m.unchangedSinceStatement === "number")
                        d.unchangedSinceStatement = o.longs === $String ? $String(m.unchangedSinceStatement) : m.unchangedSinceStatement;
                    else
                        d.unchangedSinceStatement = o.longs === $String ? $util.Long.prototype.toString.call(m.unchangedSinceStatement) : o.longs === $Number ? new $util.LongBits(m.unchangedSinceStatement.low >>> 0, m.unchangedSinceStatement.high >>> 0).toNumber(true) : m.unchangedSinceStatement;
                }
                return d;
            };

            /**
             * Converts this StatusReport to JSON.
             * @function toJSON
             * @memberof iisfleet.v1.StatusReport
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StatusReport.prototype.toJSON = function() {
                return StatusReport.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StatusReport
             * @function getTypeUrl
             * @memberof iisfleet.v1.StatusReport
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StatusReport.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/iisfleet.v1.StatusReport";
            };

            return StatusReport;
        })();

        return v1;
    })();

    return iisfleet;
})();

export {
  $root as default
};
