using System.Collections.Generic;
using System.Collections.ObjectModel;
using TwatCache.Keys;

namespace TwatCache.Tests.Runtime;

public class ListKeyTests
{
    [Fact]
    public void Equal_lists_are_equal_and_hash_alike()
    {
        var a = FromList([1, 2, 3]);
        var b = FromList([1, 2, 3]);

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Contents_decide_whatever_the_list_type()
    {
        var keys = new[]
        {
            FromList([1, 2, 3]),
            FromReadOnly(new List<int> { 1, 2, 3 }),
            FromReadOnly(new[] { 1, 2, 3 }),
            FromReadOnly(new ReadOnlyCollection<int>([1, 2, 3])),
            FromList(new Collection<int> { 1, 2, 3 }),
            FromList(new WriteOnlyIndexedList([1, 2, 3])),
        };

        foreach (var left in keys)
        {
            foreach (var right in keys)
            {
                Assert.True(left.Equals(right));
                Assert.Equal(left.GetHashCode(), right.GetHashCode());
            }
        }
    }

    [Fact]
    public void Different_contents_are_not_equal()
    {
        Assert.False(FromList([1, 2]).Equals(FromList([1, 3])));
        Assert.False(FromList([1, 2]).Equals(FromList([1, 2, 3])));
        Assert.False(FromList(new WriteOnlyIndexedList([1, 2])).Equals(FromReadOnly(new ReadOnlyCollection<int>([2, 1]))));
    }

    [Fact]
    public void Null_equals_only_null_and_empty_equals_empty()
    {
        var nullList = new ListKey<int>((IList<int>?)null);
        var nullReadOnly = new ListKey<int>((IReadOnlyList<int>?)null);

        Assert.True(nullList.Equals(nullReadOnly));
        Assert.True(nullList.Equals(default(ListKey<int>)));
        Assert.False(nullList.Equals(FromList<int>([])));
        Assert.True(FromList<int>([]).Equals(FromReadOnly(new int[0])));
        Assert.NotEqual(nullList.GetHashCode(), FromList<int>([]).GetHashCode());
    }

    [Fact]
    public void Freeze_copies_so_later_mutation_does_not_change_the_key()
    {
        var list = new List<string> { "a", "b" };
        var frozen = FromList(list).Freeze();

        list.Add("c");
        list[0] = "z";

        Assert.True(frozen.Equals(FromList(["a", "b"])));
        Assert.False(frozen.Equals(FromList(list)));
    }

    [Fact]
    public void Freeze_copies_lists_without_a_span()
    {
        var list = new WriteOnlyIndexedList([4, 5]);
        var frozen = FromList(list).Freeze();

        list[0] = 0;

        Assert.True(frozen.Equals(FromList([4, 5])));
    }

    static ListKey<T> FromList<T>(IList<T> list) => new(list);

    static ListKey<T> FromReadOnly<T>(IReadOnlyList<T> list) => new(list);

    /// <summary>An <see cref="IList{T}"/> that is not an <see cref="IReadOnlyList{T}"/> (the slow path).</summary>
    sealed class WriteOnlyIndexedList(int[] items) : IList<int>
    {
        readonly List<int> inner = [.. items];

        public int Count => inner.Count;

        public bool IsReadOnly => false;

        public int this[int index]
        {
            get => inner[index];
            set => inner[index] = value;
        }

        public int IndexOf(int item) => inner.IndexOf(item);

        public void Insert(int index, int item) => inner.Insert(index, item);

        public void RemoveAt(int index) => inner.RemoveAt(index);

        public void Add(int item) => inner.Add(item);

        public void Clear() => inner.Clear();

        public bool Contains(int item) => inner.Contains(item);

        public void CopyTo(int[] array, int arrayIndex) => inner.CopyTo(array, arrayIndex);

        public bool Remove(int item) => inner.Remove(item);

        public IEnumerator<int> GetEnumerator() => inner.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
