using System;

namespace CometGuard.Analyzers.Retry
{
    /// <summary>A set of HTTP status codes 0–639, as ten 64-bit words; immutable.</summary>
    internal sealed class StatusSet
    {
        private const int Words = 10;
        private const int Limit = Words * 64;

        public static readonly StatusSet Empty = new(new ulong[Words]);

        public static readonly StatusSet All = Range(0, Limit - 1);

        /// <summary>2xx: what <c>IsSuccessStatusCode</c> is true for.</summary>
        public static readonly StatusSet Success = Range(200, 299);

        /// <summary>The 4xx client errors that a retry cannot change: every 4xx but 408 Request Timeout and 429 Too Many Requests.</summary>
        public static readonly StatusSet ClientErrors = Range(400, 499).Except(Of(408)).Except(Of(429));

        private readonly ulong[] _bits;

        private StatusSet(ulong[] bits)
        {
            _bits = bits;
        }

        public static StatusSet Of(int status) => Range(status, status);

        /// <summary>The statuses from <paramref name="low"/> to <paramref name="high"/>, both included, clipped to 0–639.</summary>
        public static StatusSet Range(int low, int high)
        {
            low = Math.Max(low, 0);
            high = Math.Min(high, Limit - 1);
            var bits = new ulong[Words];
            for (var status = low; status <= high; status++)
            {
                bits[status >> 6] |= 1UL << (status & 63);
            }

            return new StatusSet(bits);
        }

        /// <summary>The statuses for which <c>status OP bound</c> holds.</summary>
        public static StatusSet? Compare(BinaryOperatorKind kind, int bound) => kind switch
        {
            BinaryOperatorKind.Equals => Of(bound),
            BinaryOperatorKind.NotEquals => All.Except(Of(bound)),
            BinaryOperatorKind.LessThan => Range(0, bound - 1),
            BinaryOperatorKind.LessThanOrEqual => Range(0, bound),
            BinaryOperatorKind.GreaterThan => Range(bound + 1, Limit - 1),
            BinaryOperatorKind.GreaterThanOrEqual => Range(bound, Limit - 1),
            _ => null,
        };

        public StatusSet Union(StatusSet other) => Combine(other, static (a, b) => a | b);

        public StatusSet Intersect(StatusSet other) => Combine(other, static (a, b) => a & b);

        public StatusSet Except(StatusSet other) => Combine(other, static (a, b) => a & ~b);

        public StatusSet Complement() => All.Except(this);

        public bool SetEquals(StatusSet other)
        {
            for (var i = 0; i < Words; i++)
            {
                if (_bits[i] != other._bits[i])
                {
                    return false;
                }
            }

            return true;
        }

        public bool Overlaps(StatusSet other)
        {
            for (var i = 0; i < Words; i++)
            {
                if ((_bits[i] & other._bits[i]) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private StatusSet Combine(StatusSet other, Func<ulong, ulong, ulong> operation)
        {
            var bits = new ulong[Words];
            for (var i = 0; i < Words; i++)
            {
                bits[i] = operation(_bits[i], other._bits[i]);
            }

            return new StatusSet(bits);
        }
    }

    /// <summary>
    /// What a condition says about the status of the response it tests: the statuses for which it surely holds
    /// (<see cref="Must"/>) and those for which it may (<see cref="May"/>), so that a negation stays sound
    /// (<c>!c</c> surely holds where <c>c</c> cannot). A condition that reads no response (an attempt counter, a flag)
    /// is <see cref="Free"/>: it neither admits nor excludes a status, under <c>&amp;&amp;</c>, <c>||</c> or <c>!</c>.
    /// </summary>
    internal sealed class Admission
    {
        public static readonly Admission Free = new(StatusSet.All, StatusSet.All, isFree: true);

        /// <summary>A test of the response that says nothing about its status (a header, the body).</summary>
        public static readonly Admission Unknown = new(StatusSet.Empty, StatusSet.All, isFree: false);

        public static readonly Admission True = Exactly(StatusSet.All);

        public static readonly Admission False = Exactly(StatusSet.Empty);

        private Admission(StatusSet must, StatusSet may, bool isFree)
        {
            Must = must;
            May = may;
            IsFree = isFree;
        }

        public StatusSet Must { get; }

        public StatusSet May { get; }

        public bool IsFree { get; }

        /// <summary>True when the condition surely holds for a 4xx other than 408/429.</summary>
        public bool AdmitsClientErrors => Must.Overlaps(StatusSet.ClientErrors);

        /// <summary>The condition reads statuses only: what it holds for is known exactly.</summary>
        public bool IsExact => !IsFree && Must.SetEquals(May);

        public static Admission Exactly(StatusSet statuses) => new(statuses, statuses, isFree: false);

        public Admission Not() => IsFree ? this : new Admission(May.Complement(), Must.Complement(), isFree: false);

        public Admission And(Admission other)
        {
            if (IsFree)
            {
                return other;
            }

            return other.IsFree ? this : new Admission(Must.Intersect(other.Must), May.Intersect(other.May), isFree: false);
        }

        public Admission Or(Admission other)
        {
            if (IsFree)
            {
                return other;
            }

            return other.IsFree ? this : new Admission(Must.Union(other.Must), May.Union(other.May), isFree: false);
        }

        /// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
        public static Admission Choose(Admission condition, Admission whenTrue, Admission whenFalse)
            => condition.And(whenTrue).Or(condition.Not().And(whenFalse));
    }
}
